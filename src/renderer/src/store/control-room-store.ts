import type { XYPosition } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  ApiError,
  type Api,
  type ConflictScan,
  type ConnectionState,
  type OperationInput,
  type SessionDetail,
  type SessionDiff,
  type SessionFields,
} from '../../../shared/api';
import type { BoardEvent, ConflictKind, Session, SessionStatus } from '../../../shared/board';
import { relayoutBoard } from '../graph/board-graph';
import type { Graph } from '../graph/graph-types';
import { ACTIVITY_LIMIT, mergeActivity } from './activity';
import { applyEvent, eventTouchesSession } from './apply-event';
import { EMPTY_BOARD_INDEX, indexBoard, type BoardIndex } from './board-index';
import type { OwnershipOverride, ShownLease } from './lease-transfer';
import type { TaskOverride } from './task-transfer';
import { isMissingOperation, noticeFromError, type Notice, type NoticeDraft } from './notices';
import { createSteeringActions, type WriteStep } from './steering-actions';
import { createViewActions } from './view-actions';
import { NO_FILTERS, type SortColumn, type Tab, type Theme, type ViewState } from './view-state';

export interface DetailState {
  sessionId: string | null;
  data: SessionDetail | null;
  loading: boolean;
  error: string | null;
}

/** The selected session's change against its base, loaded beside its detail. */
export interface DiffState {
  sessionId: string | null;
  data: SessionDiff | null;
  loading: boolean;
  error: string | null;
}

export interface ControlRoomActions {
  /** Loads the board, then follows the event stream. Returns stop. */
  start(): () => void;
  refresh(): Promise<void>;
  pauseSession(id: string): Promise<boolean>;
  resumeSession(id: string): Promise<boolean>;
  /** `expectVersion` is the version the lead was looking at when they started the edit. */
  updateSession(id: string, expectVersion: number, fields: SessionFields): Promise<boolean>;
  markBlocked(id: string, expectVersion: number, blocker: string): Promise<boolean>;
  unblock(id: string, expectVersion: number): Promise<boolean>;
  /** Ends the session keeping its work: the diff is saved as a patch, then the worktree removed. */
  endSession(id: string): Promise<boolean>;
  createSession(input: OperationInput<'session.new'>): Promise<Session | null>;
  decideApproval(id: string, decision: 'approve' | 'deny', why?: string): Promise<boolean>;
  /**
   * Hands the leases on `patterns` to session `to` at the versions `drawn` (else the board) shows;
   * taking a live write lease waits in `override`.
   */
  moveLeases(patterns: string[], to: string, drawn?: readonly ShownLease[]): Promise<void>;
  confirmOverride(): Promise<void>;
  cancelOverride(): void;
  /** Hands task `id` to session `to`; taking it from a live session waits in `taskOverride`. */
  moveTask(id: string, to: string): Promise<void>;
  confirmTaskOverride(): Promise<void>;
  cancelTaskOverride(): void;
  reloadDiff(): void;
  selectSession(id: string | null): void;
  setTab(tab: Tab): void;
  setSearch(text: string): void;
  toggleStatusFilter(status: SessionStatus): void;
  toggleConflictKindFilter(kind: ConflictKind): void;
  setSessionFilter(id: string | null): void;
  clearFilters(): void;
  sortBy(column: SortColumn): void;
  setTheme(theme: Theme): void;
  placeNode(nodeId: string, position: XYPosition): void;
  setDropTarget(sessionId: string | null): void;
  dismissNotice(id: number): void;
}

export interface ControlRoomState {
  board: BoardIndex;
  loadState: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  connection: ConnectionState;
  /** The coordinator's first conflict scan; until it is ready a clear board is not yet known clear. */
  scan: ConflictScan | null;
  /** Newest first. */
  activity: BoardEvent[];
  notices: Notice[];
  detail: DetailState;
  diff: DiffState;
  /** Writes in flight: the record they change (`session:ID`, `approval:ID`) → what the lead is told meanwhile. */
  busy: Record<string, string>;
  /** A hand-over the coordinator refused as a tier-3 override, waiting for the lead to confirm or drop it. */
  override: OwnershipOverride | null;
  taskOverride: TaskOverride | null;
  view: ViewState;
  graph: Graph;
  /** Where every node was last laid out or dropped; kept across filters so nodes come back in place. */
  positions: Record<string, XYPosition>;
  actions: ControlRoomActions;
}

export interface Preferences {
  theme?: Theme;
  tab?: Tab;
}

export interface ControlRoomOptions {
  preferences?: { load(): Preferences; save(preferences: Preferences): void };
  /** Browser mode opened without `#token=…`: say so instead of knocking on the server. */
  missingToken?: boolean;
  refetchDelayMs?: number;
  /** How often the board is read again while the coordinator's first scan runs. */
  scanPollMs?: number;
}

export type ControlRoomStore = StoreApi<ControlRoomState>;

const DETAIL_RELOAD_MS = 300;
const MAX_RETRY_MS = 5000;
const NO_DETAIL: DetailState = { sessionId: null, data: null, loading: false, error: null };
const NO_DIFF: DiffState = { sessionId: null, data: null, loading: false, error: null };

export function createControlRoomStore(api: Api, options: ControlRoomOptions = {}): ControlRoomStore {
  const preferences = options.preferences?.load() ?? {};
  const refetchDelayMs = options.refetchDelayMs ?? 250;
  const scanPollMs = options.scanPollMs ?? 1000;

  return createStore<ControlRoomState>()((set, get) => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const later = (ms: number, fn: () => void): ReturnType<typeof setTimeout> => {
      const handle = setTimeout(() => {
        timers.delete(handle);
        fn();
      }, ms);
      timers.add(handle);
      return handle;
    };
    const cancel = (handle: ReturnType<typeof setTimeout> | null): void => {
      if (handle === null) return;
      clearTimeout(handle);
      timers.delete(handle);
    };

    let nextNoticeId = 1;
    const notify = (draft: NoticeDraft): void => {
      set((s) => ({ notices: [...s.notices, { ...draft, id: nextNoticeId++ }] }));
    };

    // Board loading. Events that arrive while a board is on its way are held back and applied
    // after it, so the snapshot never hides a newer change.
    let inflight: Promise<boolean> | null = null;
    let loadAgain = false;
    let heldBack: BoardEvent[] = [];
    let refetchTimer: ReturnType<typeof setTimeout> | null = null;
    let graphTimer: ReturnType<typeof setTimeout> | null = null;
    let detailTimer: ReturnType<typeof setTimeout> | null = null;
    let scanTimer: ReturnType<typeof setTimeout> | null = null;

    // The end of a scan is no board event: while one runs, the board is read again until it says ready.
    const followScan = (): void => {
      if (get().scan?.state !== 'scanning' || scanTimer !== null) return;
      scanTimer = later(scanPollMs, () => {
        scanTimer = null;
        void loadBoard();
      });
    };

    const loadBoard = (): Promise<boolean> => {
      if (inflight) {
        loadAgain = true;
        return inflight;
      }
      inflight = (async () => {
        let ok = false;
        try {
          do {
            loadAgain = false;
            const board = await api.call('board', {});
            set({ board: indexBoard(board), scan: board.scan ?? null, loadState: 'ready', loadError: null });
            ok = true;
          } while (loadAgain);
          followScan();
        } catch (error) {
          const draft = noticeFromError(error, 'load the board');
          set({ loadState: get().loadState === 'ready' ? 'ready' : 'failed', loadError: `${draft.message}${draft.hint ? ` ${draft.hint}` : ''}` });
        } finally {
          inflight = null;
          const events = heldBack;
          heldBack = [];
          for (const event of events) ingest(event);
          rebuildGraph();
        }
        return ok;
      })();
      return inflight;
    };

    const scheduleRefetch = (): void => {
      cancel(refetchTimer);
      refetchTimer = later(refetchDelayMs, () => {
        refetchTimer = null;
        void loadBoard();
      });
    };

    const rebuildGraph = (): void => {
      cancel(graphTimer);
      graphTimer = null;
      const { board, view, graph, positions } = get();
      set(relayoutBoard(board, view.filters, graph, positions));
    };

    const scheduleGraph = (): void => {
      if (graphTimer === null) graphTimer = later(0, rebuildGraph);
    };

    const loadDiff = async (id: string): Promise<void> => {
      set((s) => ({ diff: { ...(s.diff.sessionId === id ? s.diff : NO_DIFF), sessionId: id, loading: true, error: null } }));
      try {
        const data = await api.call('session.diff', { id });
        if (get().diff.sessionId === id) set({ diff: { sessionId: id, data, loading: false, error: null } });
      } catch (error) {
        if (get().diff.sessionId !== id) return;
        const message = isMissingOperation(error, 'session.diff')
          ? 'This coordinator does not serve diffs (session.diff); the changed files come from its record.'
          : noticeFromError(error, `diff ${id}`).message;
        set({ diff: { sessionId: id, data: null, loading: false, error: message } });
      }
    };

    const loadDetail = async (id: string): Promise<void> => {
      set((s) => ({ detail: { ...s.detail, sessionId: id, loading: true, error: null } }));
      void loadDiff(id);
      try {
        const data = await api.call('session.show', { id });
        if (get().detail.sessionId === id) set({ detail: { sessionId: id, data, loading: false, error: null } });
      } catch (error) {
        if (get().detail.sessionId === id) {
          set((s) => ({ detail: { ...s.detail, loading: false, error: noticeFromError(error, `show ${id}`).message } }));
        }
      }
    };

    const scheduleDetailReload = (): void => {
      cancel(detailTimer);
      detailTimer = later(DETAIL_RELOAD_MS, () => {
        detailTimer = null;
        const id = get().detail.sessionId;
        if (id !== null) void loadDetail(id);
      });
    };

    const ingest = (event: BoardEvent): void => {
      const outcome = applyEvent(get().board, event);
      if (outcome.duplicate) return;
      set({ board: outcome.index });
      if (outcome.needsRefetch) scheduleRefetch();
      const selected = get().detail.sessionId;
      if (selected !== null && eventTouchesSession(event, selected)) scheduleDetailReload();
      scheduleGraph();
    };

    const onEvent = (event: BoardEvent): void => {
      set((s) => ({ activity: mergeActivity(s.activity, [event]) }));
      if (inflight) heldBack.push(event);
      else ingest(event);
    };

    const onConnection = (state: ConnectionState): void => {
      const before = get().connection;
      set({ connection: state });
      // Back after a drop (the coordinator restarted): what was missed comes from a fresh board.
      if (state === 'live' && before === 'reconnecting') void loadBoard();
    };

    const loadActivity = async (): Promise<void> => {
      const after = Math.max(0, get().board.lastEventId - ACTIVITY_LIMIT);
      try {
        const events = await api.call('events.since', { after, limit: ACTIVITY_LIMIT });
        set((s) => ({ activity: mergeActivity(s.activity, events) }));
      } catch (error) {
        notify(noticeFromError(error, 'load recent activity'));
      }
    };

    const upsertSession = (session: Session): void => {
      const current = get().board.sessions[session.id];
      if (current && current.version > session.version) return;
      set((s) => {
        const sessions = { ...s.board.sessions, [session.id]: session };
        // The board lists live sessions only, as the coordinator's does.
        if (session.endedAt) delete sessions[session.id];
        return { board: { ...s.board, sessions } };
      });
      scheduleGraph();
    };

    /** Runs one write. A refusal becomes a notice; a stale version also reloads what the lead sees. */
    const write = async <T>({ key, label, doing, run, handle }: WriteStep<T>): Promise<T | null> => {
      set((s) => ({ busy: { ...s.busy, [key]: label } }));
      try {
        return await run();
      } catch (error) {
        if (handle?.(error)) return null;
        notify(noticeFromError(error, doing));
        if (error instanceof ApiError && error.body.code === 'stale-version') {
          await loadBoard();
          const selected = get().detail.sessionId;
          if (selected !== null) await loadDetail(selected);
        }
        return null;
      } finally {
        set((s) => {
          const busy = { ...s.busy };
          delete busy[key];
          return { busy };
        });
      }
    };

    const savePreferences = (): void => {
      const { theme, tab } = get().view;
      options.preferences?.save({ theme, tab });
    };

    let running: (() => void) | null = null;

    const actions: ControlRoomActions = {
      start() {
        if (running) return running;
        let stopped = false;
        let unsubscribe: (() => void) | null = null;
        const stop = (): void => {
          stopped = true;
          unsubscribe?.();
          for (const handle of timers) clearTimeout(handle);
          timers.clear();
          refetchTimer = graphTimer = detailTimer = scanTimer = null;
          running = null;
        };
        running = stop;
        if (options.missingToken) {
          set({
            loadState: 'failed',
            loadError: 'No access token. Open the URL printed by `signalbox serve` — it ends in #token=….',
          });
          return stop;
        }
        void (async () => {
          for (let attempt = 0; !stopped; attempt += 1) {
            if (await loadBoard()) break;
            if (stopped) return;
            set({ connection: 'reconnecting' });
            await new Promise<void>((resolve) => later(Math.min(MAX_RETRY_MS, 500 * 2 ** attempt), resolve));
          }
          if (stopped) return;
          void loadActivity();
          unsubscribe = api.subscribe(get().board.lastEventId, onEvent, onConnection);
        })();
        return stop;
      },

      async refresh() {
        await loadBoard();
      },

      ...createSteeringActions(api, set, get, {
        write,
        notify,
        upsertSession,
        reloadBoard: loadBoard,
        reloadDetail: scheduleDetailReload,
      }),

      reloadDiff() {
        const id = get().detail.sessionId;
        if (id !== null) void loadDiff(id);
      },

      selectSession(id) {
        cancel(detailTimer);
        detailTimer = null;
        set((s) => ({ view: { ...s.view, selectedSessionId: id } }));
        if (id === null) {
          set({ detail: NO_DETAIL, diff: NO_DIFF });
          return;
        }
        if (get().detail.sessionId !== id) set({ detail: { ...NO_DETAIL, sessionId: id }, diff: NO_DIFF });
        void loadDetail(id);
      },

      ...createViewActions(set, get, { relayout: rebuildGraph, savePreferences }),

      dismissNotice(id) {
        set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
      },
    };

    return {
      board: EMPTY_BOARD_INDEX,
      loadState: 'loading',
      loadError: null,
      connection: 'connecting',
      scan: null,
      activity: [],
      notices: [],
      detail: NO_DETAIL,
      diff: NO_DIFF,
      busy: {},
      override: null,
      taskOverride: null,
      view: {
        tab: preferences.tab ?? 'board',
        selectedSessionId: null,
        dropTarget: null,
        filters: NO_FILTERS,
        sort: { column: 'status', direction: 'asc' },
        theme: preferences.theme ?? 'system',
      },
      graph: { nodes: [], edges: [] },
      positions: {},
      actions,
    };
  });
}
