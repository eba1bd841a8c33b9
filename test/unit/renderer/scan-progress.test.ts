import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConflictScan } from '../../../src/shared/api';
import { scanNotice } from '../../../src/renderer/src/format/scan-progress';
import { createControlRoomStore } from '../../../src/renderer/src/store/control-room-store';
import { FakeApi } from './fake-api';
import { board, session } from './fixtures';

const scanning: ConflictScan = { state: 'scanning', sessions: 12, startedAt: '2025-01-01T10:00:00Z', finishedAt: null };
const ready: ConflictScan = { ...scanning, state: 'ready', finishedAt: '2025-01-01T10:00:09Z' };

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the first conflict scan in the control room', () => {
  it('reads the board again while the coordinator scans, and stops once it says ready', async () => {
    const answers = [scanning, scanning, ready];
    let served = 0;
    const api = new FakeApi({
      'board': () => ({ ...board({ sessions: [session('s1')] }), scan: answers[Math.min(served++, answers.length - 1)] }),
      'events.since': () => [],
    });
    const store = createControlRoomStore(api, { scanPollMs: 1000 });
    const stop = store.getState().actions.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().scan).toEqual(scanning);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getState().scan?.state).toBe('scanning');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getState().scan).toEqual(ready);
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.callsOf('board')).toHaveLength(3);
    stop();
  });

  it('does not poll a coordinator that reports no scan', async () => {
    const api = new FakeApi({ 'board': () => board(), 'events.since': () => [] });
    const store = createControlRoomStore(api, { scanPollMs: 1000 });
    const stop = store.getState().actions.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.getState().scan).toBeNull();
    expect(api.callsOf('board')).toHaveLength(1);
    stop();
  });

  it.each<[string, ConflictScan | null, ReturnType<typeof scanNotice>]>([
    ['scanning', scanning, { text: 'Looking for conflicts: reading 12 worktrees for the first time…', failed: false }],
    ['one worktree', { ...scanning, sessions: 1 }, { text: 'Looking for conflicts: reading 1 worktree for the first time…', failed: false }],
    ['failed', { ...scanning, state: 'failed' }, { text: expect.stringContaining('conflicts may be missing'), failed: true }],
    ['ready', ready, null],
    ['no scan reported', null, null],
  ])('the progress strip says, when %s', (_name, scan, notice) => {
    expect(scanNotice(scan)).toEqual(notice);
  });
});
