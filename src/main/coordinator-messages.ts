/** Messages between main and the coordinator's utility process (process.parentPort). */

export type ToCoordinator = { type: 'start'; dataDir: string } | { type: 'stop' };

export type FromCoordinator =
  | { type: 'ready'; url: string; leadToken: string }
  | { type: 'failed'; message: string };

export function isFromCoordinator(value: unknown): value is FromCoordinator {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'ready') return typeof message.url === 'string' && typeof message.leadToken === 'string';
  if (message.type === 'failed') return typeof message.message === 'string';
  return false;
}
