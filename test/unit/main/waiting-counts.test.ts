import { describe, expect, it } from 'vitest';
import { waitingCounts } from '../../../src/main/waiting-counts';
import { session } from './board-fixture';

describe('waiting counts', () => {
  it('counts live sessions that wait on the lead, by status', () => {
    const sessions = [
      session('s1', 'blocked'),
      session('s2', 'blocked'),
      session('s3', 'awaiting-approval'),
      session('s4', 'review-ready'),
      session('s5', 'active'),
      session('s6', 'paused'),
      session('s7', 'completed'),
      session('s8', 'blocked', { endedAt: '2025-01-02T00:00:00Z' }),
    ];
    expect(waitingCounts({ sessions })).toEqual({ blocked: 2, awaitingApproval: 1, reviewReady: 1 });
  });

  it('is all zero on an empty board', () => {
    expect(waitingCounts({ sessions: [] })).toEqual({ blocked: 0, awaitingApproval: 0, reviewReady: 0 });
  });
});
