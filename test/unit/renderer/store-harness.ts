import { afterEach, beforeEach, vi } from 'vitest';
import type { Board } from '../../../src/shared/board';
import { createControlRoomStore, type ControlRoomStore } from '../../../src/renderer/src/store/control-room-store';
import { FakeApi } from './fake-api';

type Handlers = Record<string, (input: never) => unknown>;

/**
 * Control-room stores on vitest's fake clock, each over a FakeApi that serves `boards` in turn
 * (the last one from then on). Call once per test file: every store started is stopped after
 * each test, and the real clock comes back.
 */
export function storeHarness(defaults: { boards: Board[]; handlers?: Handlers }) {
  let stops: (() => void)[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    for (const stop of stops) stop();
    stops = [];
    vi.useRealTimers();
  });

  const start = (store: ControlRoomStore): void => {
    stops.push(store.getState().actions.start());
  };

  const setup = (handlers: Handlers = {}, boards: Board[] = defaults.boards) => {
    let served = 0;
    const api = new FakeApi({
      'board': () => boards[Math.min(served++, boards.length - 1)],
      'events.since': () => [],
      ...defaults.handlers,
      ...handlers,
    });
    const store = createControlRoomStore(api, { refetchDelayMs: 100 });
    return { api, store, s: () => store.getState(), boardCalls: () => api.callsOf('board').length };
  };

  /** A store that has started and read its first board. */
  const started = async (handlers: Handlers = {}, boards: Board[] = defaults.boards) => {
    const ctx = setup(handlers, boards);
    start(ctx.store);
    await vi.advanceTimersByTimeAsync(0);
    return ctx;
  };

  return { setup, start, started };
}
