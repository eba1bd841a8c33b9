import { describe, expect, it } from 'vitest';
import { badgeTotal, trayTitle, trayTooltip } from '../../../src/main/badge-text';

describe('badge text', () => {
  it.each([
    [{ blocked: 0, awaitingApproval: 0, reviewReady: 0 }, 0, '', 'Signalbox — nothing waiting on you'],
    [{ blocked: 2, awaitingApproval: 0, reviewReady: 0 }, 2, '2', 'Signalbox — 2 blocked'],
    [{ blocked: 0, awaitingApproval: 1, reviewReady: 0 }, 1, '1', 'Signalbox — 1 awaiting approval'],
    [{ blocked: 0, awaitingApproval: 0, reviewReady: 3 }, 3, '3', 'Signalbox — 3 ready for review'],
    [
      { blocked: 1, awaitingApproval: 2, reviewReady: 4 },
      7,
      '7',
      'Signalbox — 1 blocked, 2 awaiting approval, 4 ready for review',
    ],
  ])('%o → total %i, title %j, tooltip %j', (counts, total, title, tooltip) => {
    expect(badgeTotal(counts)).toBe(total);
    expect(trayTitle(counts)).toBe(title);
    expect(trayTooltip(counts)).toBe(tooltip);
  });
});
