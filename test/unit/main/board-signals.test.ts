import { describe, expect, it } from 'vitest';
import { boardSignals, coalesceSignals } from '../../../src/main/board-signals';
import { approval, board, conflict, session } from './board-fixture';

describe('board signals', () => {
  it('signals a session moving into blocked, with its blocker', () => {
    const before = board({ sessions: [session('s1', 'active')] });
    const after = board({
      sessions: [session('s1', 'blocked', { blocker: { text: 'Permission prompt: run npm test?', since: 'now' } })],
    });
    expect(boardSignals(before, after)).toEqual([
      { title: 'Session s1 is blocked', body: 'Permission prompt: run npm test?', session: 's1' },
    ]);
  });

  it('signals review-ready and a new session that starts out blocked', () => {
    const before = board({ sessions: [session('s1', 'active')] });
    const after = board({ sessions: [session('s1', 'review-ready'), session('s2', 'blocked')] });
    expect(boardSignals(before, after).map((signal) => signal.title)).toEqual([
      'Session s1 is ready for review',
      'Session s2 is blocked',
    ]);
  });

  it('says nothing when a status stays, returns to active, or the session ended', () => {
    const before = board({ sessions: [session('s1', 'blocked'), session('s2', 'blocked'), session('s3', 'active')] });
    const after = board({
      sessions: [
        session('s1', 'blocked', { version: 2 }),
        session('s2', 'active'),
        session('s3', 'review-ready', { endedAt: '2025-01-02T00:00:00Z' }),
      ],
    });
    expect(boardSignals(before, after)).toEqual([]);
  });

  it('signals a new pending approval once, not again as a status change', () => {
    const before = board({ sessions: [session('s1', 'active')] });
    const after = board({
      sessions: [session('s1', 'awaiting-approval')],
      approvals: [approval('a1', 's1', { detail: 'sb/s1 into main' })],
    });
    expect(boardSignals(before, after)).toEqual([
      { title: 'Session s1 asks for tier-3 approval', body: 'merge to main: sb/s1 into main', session: 's1' },
    ]);
    expect(boardSignals(after, after)).toEqual([]);
  });

  it('signals a new hard collision, but not soft overlaps or resolved ones', () => {
    const sessions = [session('s1', 'active'), session('s2', 'active')];
    const before = board({ sessions });
    const after = board({
      sessions,
      conflicts: [
        conflict('c1'),
        conflict('c2', { kind: 'soft-overlap' }),
        conflict('c3', { state: 'resolved' }),
      ],
    });
    expect(boardSignals(before, after)).toEqual([
      { title: 'Hard collision: Session s1 and Session s2', body: 'src/a.ts — stop the later writer', session: 's1' },
    ]);
  });
});

describe('coalescing', () => {
  const signal = (n: number) => ({ title: `t${n}`, body: `b${n}`, session: `s${n}` });

  it('passes nothing or one signal through', () => {
    expect(coalesceSignals([])).toBeNull();
    expect(coalesceSignals([signal(1)])).toEqual(signal(1));
  });

  it('turns a burst into one notification listing the first four', () => {
    expect(coalesceSignals([1, 2, 3].map(signal))).toEqual({ title: '3 things need you', body: 't1\nt2\nt3' });
    expect(coalesceSignals([1, 2, 3, 4, 5, 6].map(signal))).toEqual({
      title: '6 things need you',
      body: 't1\nt2\nt3\nt4\nand 2 more',
    });
  });
});
