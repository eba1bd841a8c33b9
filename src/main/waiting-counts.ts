/** The tray badge counts sessions that wait on the lead, by status (DESIGN §6). */
import type { Board } from '../shared/board';
import type { BadgeCounts } from '../shared/desktop-shell';

export function waitingCounts(board: Pick<Board, 'sessions'>): BadgeCounts {
  const counts: BadgeCounts = { blocked: 0, awaitingApproval: 0, reviewReady: 0 };
  for (const session of board.sessions) {
    if (session.endedAt !== null) continue;
    if (session.status === 'blocked') counts.blocked += 1;
    else if (session.status === 'awaiting-approval') counts.awaitingApproval += 1;
    else if (session.status === 'review-ready') counts.reviewReady += 1;
  }
  return counts;
}
