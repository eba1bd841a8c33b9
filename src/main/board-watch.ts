/**
 * Keeps the desktop shell in step with the board: the badge always, an OS notification per
 * transition that needs the lead — unless the lead is looking at the window (DESIGN §6).
 * No electron import: the shell and the transport are injected.
 */
import type { Api } from '../shared/api';
import type { Board } from '../shared/board';
import type { DesktopShell } from '../shared/desktop-shell';
import { boardSignals, coalesceSignals } from './board-signals';
import { waitingCounts } from './waiting-counts';

const RETRY_START_MS = 2000;

export interface BoardWatchOptions {
  api: Api;
  shell: DesktopShell;
  /** Events arrive in bursts (one steering action writes several); one board read follows a burst. */
  settleMs?: number;
  onError?: (error: unknown) => void;
}

export function watchBoard(options: BoardWatchOptions): () => void {
  const { api, shell } = options;
  const settleMs = options.settleMs ?? 300;
  let board: Board | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let reading = false;
  let readAgain = false;
  let closed = false;

  async function read(): Promise<void> {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      const current = await api.call('board', {});
      if (closed) return;
      shell.setBadge(waitingCounts(current));
      const signal = board === null ? null : coalesceSignals(boardSignals(board, current));
      board = current;
      if (signal && shell.presence() !== 'present') shell.notify(signal);
    } catch (error) {
      options.onError?.(error);
    } finally {
      reading = false;
      if (readAgain && !closed) {
        readAgain = false;
        void read();
      }
    }
  }

  function schedule(): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void read();
    }, settleMs);
  }

  let unsubscribe: (() => void) | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  /** Read the board first, then follow the events written after it, so old events are not replayed. */
  async function start(): Promise<void> {
    try {
      board = await api.call('board', {});
    } catch (error) {
      options.onError?.(error);
      if (!closed) retry = setTimeout(() => void start(), RETRY_START_MS);
      return;
    }
    if (closed) return;
    shell.setBadge(waitingCounts(board));
    unsubscribe = api.subscribe(
      board.lastEventId,
      () => schedule(),
      (state) => {
        // After a reconnection the stream replays what was missed; a read catches anything else.
        if (state === 'live') schedule();
      },
    );
  }

  void start();

  return () => {
    closed = true;
    if (timer !== null) clearTimeout(timer);
    if (retry !== null) clearTimeout(retry);
    unsubscribe?.();
  };
}
