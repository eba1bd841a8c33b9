/**
 * The renderer is untrusted: whatever arrives over IPC is checked here before main acts on it.
 * The coordinator validates each operation's input (zod); main checks only the envelope,
 * so an op name cannot reach any other URL of the coordinator.
 */
import type { ApiErrorBody, OperationName } from '../shared/api';
import type { CallRequest, SubscribeRequest } from '../shared/ipc';

const OPERATION_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

export function parseCallRequest(raw: unknown): CallRequest | ApiErrorBody {
  if (!isPlainObject(raw) || typeof raw.op !== 'string' || !OPERATION_NAME.test(raw.op)) {
    return { code: 'bad-input', message: 'An IPC call must be { op: "<operation name>", input: {…} }.', field: 'op' };
  }
  const input = raw.input ?? {};
  if (!isPlainObject(input)) {
    return { code: 'bad-input', message: `The input of ${raw.op} must be an object.`, field: 'input' };
  }
  return { op: raw.op as OperationName, input } as CallRequest;
}

export function isCallRequest(parsed: CallRequest | ApiErrorBody): parsed is CallRequest {
  return 'op' in parsed;
}

export function parseSubscribeRequest(raw: unknown): SubscribeRequest | null {
  if (!isPlainObject(raw)) return null;
  const { subscription, after } = raw;
  if (!Number.isSafeInteger(subscription) || !Number.isSafeInteger(after)) return null;
  if ((after as number) < 0) return null;
  return { subscription: subscription as number, after: after as number };
}

export function parseSubscriptionId(raw: unknown): number | null {
  return Number.isSafeInteger(raw) ? (raw as number) : null;
}
