/**
 * Which changes between two snapshots of the board deserve an OS notification (DESIGN §6):
 * transitions into blocked, approval needed, review-ready, and new hard collisions.
 * Comparing snapshots, not reading event kinds, makes a burst of events one decision.
 */
import type { Approval, Board, Conflict, Session } from '../shared/board';
import type { AttentionSignal } from '../shared/desktop-shell';

const SHOWN_IN_SUMMARY = 4;

function isLive(session: Session): boolean {
  return session.endedAt === null;
}

function titleOf(board: Board, sessionId: string): string {
  return board.sessions.find((session) => session.id === sessionId)?.title ?? sessionId;
}

function approvalSignal(board: Board, approval: Approval): AttentionSignal {
  return {
    title: `${titleOf(board, approval.session)} asks for tier-${approval.tier} approval`,
    body: approval.detail ? `${approval.action}: ${approval.detail}` : approval.action,
    session: approval.session,
  };
}

function statusSignal(session: Session): AttentionSignal | null {
  switch (session.status) {
    case 'blocked':
      return {
        title: `${session.title} is blocked`,
        body: session.blocker?.text ?? 'It is waiting on you.',
        session: session.id,
      };
    case 'awaiting-approval':
      return { title: `${session.title} needs your approval`, body: 'Open it to approve or deny.', session: session.id };
    case 'review-ready':
      return { title: `${session.title} is ready for review`, body: 'Review it, then queue the merge.', session: session.id };
    default:
      return null;
  }
}

function collisionSignal(board: Board, conflict: Conflict): AttentionSignal {
  const who = conflict.sessions.map((id) => titleOf(board, id)).join(' and ');
  const where = conflict.paths.slice(0, 3).join(', ');
  return {
    title: `Hard collision: ${who}`,
    body: [where, conflict.nextAction].filter((part) => part.length > 0).join(' — '),
    ...(conflict.sessions[0] === undefined ? {} : { session: conflict.sessions[0] }),
  };
}

export function boardSignals(previous: Board, current: Board): AttentionSignal[] {
  const signals: AttentionSignal[] = [];

  const pendingBefore = new Set(previous.approvals.filter((a) => a.state === 'pending').map((a) => a.id));
  const newApprovals = current.approvals.filter((a) => a.state === 'pending' && !pendingBefore.has(a.id));
  const askedForApproval = new Set(newApprovals.map((a) => a.session));

  const statusBefore = new Map(previous.sessions.map((session) => [session.id, session.status]));
  for (const session of current.sessions.filter(isLive)) {
    if (statusBefore.get(session.id) === session.status) continue;
    if (session.status === 'awaiting-approval' && askedForApproval.has(session.id)) continue;
    const signal = statusSignal(session);
    if (signal) signals.push(signal);
  }

  signals.push(...newApprovals.map((approval) => approvalSignal(current, approval)));

  const collisionsBefore = new Set(previous.conflicts.map((conflict) => conflict.id));
  for (const conflict of current.conflicts) {
    if (conflict.kind !== 'hard-collision' || conflict.state === 'resolved') continue;
    if (!collisionsBefore.has(conflict.id)) signals.push(collisionSignal(current, conflict));
  }
  return signals;
}

/** Several signals at once become one notification: never a storm. */
export function coalesceSignals(signals: AttentionSignal[]): AttentionSignal | null {
  const [first] = signals;
  if (first === undefined) return null;
  if (signals.length === 1) return first;
  const shown = signals.slice(0, SHOWN_IN_SUMMARY).map((signal) => signal.title);
  const hidden = signals.length - shown.length;
  return {
    title: `${signals.length} things need you`,
    body: hidden > 0 ? [...shown, `and ${hidden} more`].join('\n') : shown.join('\n'),
  };
}
