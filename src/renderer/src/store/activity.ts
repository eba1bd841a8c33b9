import type { BoardEvent } from '../../../shared/board';

export const ACTIVITY_LIMIT = 200;

/** Newest first, each event once, at most `limit` of them. */
export function mergeActivity(current: readonly BoardEvent[], incoming: readonly BoardEvent[], limit = ACTIVITY_LIMIT): BoardEvent[] {
  const byId = new Map<number, BoardEvent>();
  for (const event of current) byId.set(event.id, event);
  for (const event of incoming) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, limit);
}
