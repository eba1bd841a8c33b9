/** What the tray and dock say about the sessions waiting on the lead (DESIGN §6). */
import type { BadgeCounts } from '../shared/desktop-shell';

export function badgeTotal(counts: BadgeCounts): number {
  return counts.blocked + counts.awaitingApproval + counts.reviewReady;
}

/** The number beside the tray icon (macOS menu bar); empty when nothing waits, so the bar stays quiet. */
export function trayTitle(counts: BadgeCounts): string {
  const total = badgeTotal(counts);
  return total === 0 ? '' : String(total);
}

export function trayTooltip(counts: BadgeCounts): string {
  const parts = [
    counts.blocked > 0 ? `${counts.blocked} blocked` : null,
    counts.awaitingApproval > 0 ? `${counts.awaitingApproval} awaiting approval` : null,
    counts.reviewReady > 0 ? `${counts.reviewReady} ready for review` : null,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? 'Signalbox — nothing waiting on you' : `Signalbox — ${parts.join(', ')}`;
}
