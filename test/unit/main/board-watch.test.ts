import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api, ConnectionState } from '../../../src/shared/api';
import type { Board, BoardEvent } from '../../../src/shared/board';
import type { AttentionSignal, BadgeCounts, Presence } from '../../../src/shared/desktop-shell';
import { watchBoard } from '../../../src/main/board-watch';
import { board, session } from './board-fixture';

function fakes(boards: Board[], presence: Presence) {
  const badges: BadgeCounts[] = [];
  const notes: AttentionSignal[] = [];
  const subscribedAfter: number[] = [];
  let push: ((event: BoardEvent) => void) | null = null;
  let state: ((state: ConnectionState) => void) | null = null;
  let reads = 0;
  const api: Api = {
    call: (async () => boards[Math.min(reads++, boards.length - 1)]) as Api['call'],
    subscribe(after, onEvent, onState) {
      subscribedAfter.push(after);
      push = onEvent;
      state = onState;
      return () => {
        push = null;
      };
    },
  };
  const shell = { setBadge: (c: BadgeCounts) => badges.push(c), notify: (s: AttentionSignal) => notes.push(s), presence: () => presence };
  return {
    api,
    shell,
    badges,
    notes,
    subscribedAfter,
    emit: (id: number) => push?.({ id, at: '', actor: 'a', kind: 'k', subject: 's1', before: null, after: null }),
    live: () => state?.('live'),
    reads: () => reads,
  };
}

// Past the settle time on a fake clock, with the reads' promises run in between.
const tick = () => vi.advanceTimersByTimeAsync(30);

describe('board watch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const before = board({ sessions: [session('s1', 'active')], lastEventId: 41 });
  const after = board({ sessions: [session('s1', 'blocked')], lastEventId: 42 });

  it('sets the badge from the first read and follows events written after it', async () => {
    const f = fakes([before], 'monitoring');
    const stop = watchBoard({ api: f.api, shell: f.shell, settleMs: 5 });
    await tick();
    stop();
    expect(f.badges).toEqual([{ blocked: 0, awaitingApproval: 0, reviewReady: 0 }]);
    expect(f.subscribedAfter).toEqual([41]);
  });

  it('reads once per burst of events and notifies a lead who is not looking', async () => {
    const f = fakes([before, after], 'monitoring');
    const stop = watchBoard({ api: f.api, shell: f.shell, settleMs: 5 });
    await tick();
    f.emit(42);
    f.emit(43);
    f.emit(44);
    await tick();
    stop();
    expect(f.reads()).toBe(2);
    expect(f.badges.at(-1)).toEqual({ blocked: 1, awaitingApproval: 0, reviewReady: 0 });
    expect(f.notes).toEqual([{ title: 'Session s1 is blocked', body: 'It is waiting on you.', session: 's1' }]);
  });

  it('updates the badge but stays quiet while the lead looks at the window', async () => {
    const f = fakes([before, after], 'present');
    const stop = watchBoard({ api: f.api, shell: f.shell, settleMs: 5 });
    await tick();
    f.live();
    await tick();
    stop();
    expect(f.badges.at(-1)).toEqual({ blocked: 1, awaitingApproval: 0, reviewReady: 0 });
    expect(f.notes).toEqual([]);
  });
});
