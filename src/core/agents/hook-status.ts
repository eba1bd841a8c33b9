import type { Session, SessionStatus } from '../../shared/board';
import type { HookPolicy } from './hook-policy';

/**
 * Status from agent hooks, decided so that it can be trusted:
 * - the hook only ever takes back a status it set itself (it remembers which, and at what
 *   version); the lead's pause, the agent's own `blocked` or `awaiting-approval` are left alone;
 * - a status the hook set holds for `holdMs`: a Stop followed within seconds by another write
 *   does not bounce review-ready → active → review-ready. Work that goes on past the hold
 *   makes the session active again;
 * - a block the hook set for a prompt ends with the next tool that finished: the prompt was
 *   answered, so no hold applies — holding it would leave a working session shown as blocked.
 */

/** The status the hook last set, the session version it produced, and when (ms since epoch). */
export interface StatusMemory {
  status: SessionStatus;
  version: number;
  at: number;
  /** The blocker it set with it: the agent's own block of the same status is not the hook's. */
  blocker: string | null;
  /** Set for a prompt (permission or idle): the agent waits on an answer, not on the lead's review. */
  waitsOnPrompt: boolean;
}

/** What shows that the agent works again: a write the guard let through, or a tool that finished. */
export type WorkEvidence = 'write-allowed' | 'tool-finished';

export type StatusSignal = { kind: 'turn-ended' } | { kind: 'prompt'; notificationType: string; message: string };

export interface StatusChange {
  status: SessionStatus;
  blocker?: string;
}

export const IDLE_BLOCKER = 'The agent finished its turn and waits for its next prompt.';
const PERMISSION_BLOCKER = 'The agent waits for a permission answer.';
const INPUT_BLOCKER = 'The agent waits for input.';

function unchanged(current: Pick<Session, 'status' | 'blocker'>, change: StatusChange): boolean {
  return current.status === change.status && (change.blocker === undefined || current.blocker?.text === change.blocker);
}

/** Is the session's status still the one the hook set (whatever else changed since, e.g. a checkpoint)? */
export function heldByHook(memory: StatusMemory | null, current: Pick<Session, 'status' | 'blocker'>): boolean {
  return memory !== null && memory.status === current.status && memory.blocker === (current.blocker?.text ?? null);
}

/** Stop and Notification events, against the session as it is now. Null: leave it as it is. */
export function statusOnSignal(
  signal: StatusSignal,
  current: Pick<Session, 'status' | 'blocker'>,
  memory: StatusMemory | null,
  policy: HookPolicy,
): StatusChange | null {
  const setByHook = heldByHook(memory, current);
  let change: StatusChange | null = null;
  if (signal.kind === 'turn-ended') {
    const movable = current.status === 'active' || (setByHook && (current.status === 'blocked' || current.status === 'review-ready'));
    if (movable && policy.stopStatus === 'review-ready') change = { status: 'review-ready' };
    if (movable && policy.stopStatus === 'idle') change = { status: 'blocked', blocker: IDLE_BLOCKER };
  } else if (signal.notificationType === 'permission_prompt') {
    // A permission prompt stops the agent whatever it reported; only the lead's and the agent's own holds stay.
    const movable = current.status === 'active' || current.status === 'review-ready' || (setByHook && current.status === 'blocked');
    if (movable) change = { status: 'blocked', blocker: signal.message.trim() || PERMISSION_BLOCKER };
  } else if (signal.notificationType === 'idle_prompt') {
    // Idle after its turn ended is what review-ready already says.
    if (current.status === 'active') change = { status: 'blocked', blocker: signal.message.trim() || INPUT_BLOCKER };
  }
  return change && !unchanged(current, change) ? change : null;
}

/** The agent works again: does that take the session out of the review-ready or blocked the hook set? */
export function resumesWork(memory: StatusMemory | null, evidence: WorkEvidence, now: number, policy: HookPolicy): boolean {
  if (memory === null || memory.status === 'active') return false;
  if (evidence === 'tool-finished' && memory.waitsOnPrompt) return true;
  return now - memory.at >= policy.holdMs;
}
