import type { BoardIndex } from './board-index';

/** What needs the lead now: the header counts and the tab badges. */
export interface AttentionCounts {
  blocked: number;
  /** Pending approval requests, plus sessions that say they wait for approval without having asked one. */
  awaitingApproval: number;
  reviewReady: number;
  pendingApprovals: number;
  openConflicts: number;
  hardCollisions: number;
}

export function attentionCounts(board: BoardIndex): AttentionCounts {
  const counts: AttentionCounts = {
    blocked: 0,
    awaitingApproval: 0,
    reviewReady: 0,
    pendingApprovals: 0,
    openConflicts: 0,
    hardCollisions: 0,
  };
  const asking = new Set<string>();
  for (const approval of Object.values(board.approvals)) {
    if (approval.state !== 'pending') continue;
    counts.pendingApprovals += 1;
    asking.add(approval.session);
  }
  let waitingWithoutRequest = 0;
  for (const session of Object.values(board.sessions)) {
    if (session.status === 'blocked') counts.blocked += 1;
    else if (session.status === 'awaiting-approval' && !asking.has(session.id)) waitingWithoutRequest += 1;
    else if (session.status === 'review-ready') counts.reviewReady += 1;
  }
  counts.awaitingApproval = counts.pendingApprovals + waitingWithoutRequest;
  for (const conflict of Object.values(board.conflicts)) {
    if (conflict.state === 'resolved') continue;
    counts.openConflicts += 1;
    if (conflict.kind === 'hard-collision') counts.hardCollisions += 1;
  }
  return counts;
}
