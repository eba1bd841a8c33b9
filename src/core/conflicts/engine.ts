import { existsSync, type FSWatcher } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import type { BoardEvent, Session } from '../../shared/board';
import type { BoardStore } from '../board/board-store';
import { getRepo } from '../board/repos';
import { readSessions } from '../board/session-record';
import { gitDirOf, resolveRepository } from '../git';
import { addRead, emptyWork, hasWork, type EvaluationWork } from './evaluation-work';
import { Evaluator } from './evaluator';
import type { ConflictEngineStats } from './git-answers';
import { TreeWatcher, watchNames } from './fs-watch';
import { createLimiter } from './parallel';
import type { ReadRequest } from './worktree-changes';

export type { ConflictEngineStats } from './git-answers';

export interface ConflictEngineOptions {
  /** Quiet time after a worktree change before it is read; default 10 ms (an editor's save is done well within it). */
  debounceMs?: number;
  /** Watch worktrees and protected branches (default). Without it, refresh() and evaluateAll() drive everything. */
  watch?: boolean;
  /**
   * How long a watcher's word stands in for a full scan of its worktree; default 5 minutes.
   * Every period, worktrees are scanned again, in case the kernel dropped an event.
   */
  rescanMs?: number;
  /** Git processes at once; default the number of cores, at least 2. */
  parallelism?: number;
  /** Failures of evaluations nobody awaits (started by a watcher or a board event). */
  onError?: (error: unknown) => void;
}

/** Names never watched in a worktree: git's own files, and dependency trees nobody edits by hand. */
const IGNORED = new Set(['.git', 'node_modules']);

const LEASE_EVENTS = new Set(['lease.granted', 'lease.released', 'lease.reassigned']);
const LEASE_COALESCE_MS = 25;

interface SessionWatch {
  worktree: string;
  tree: TreeWatcher | null;
  refs: FSWatcher[];
  /** Every directory is watched and no watcher failed since: the watch vouches for the worktree. */
  healthy: boolean;
  /** Changes seen and not yet read. */
  pending: ReadRequest | null;
  timer: NodeJS.Timeout | null;
  closed: boolean;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Keeps the board's conflicts up to date (DESIGN §3). Evaluations run one at a time; requests
 * that arrive meanwhile coalesce into the next one, so there is at most one running and one
 * pending, and no two evaluations ever write over each other.
 *
 * The coordinator constructs it over its store, `start()`s it, calls `refresh(session)` when a
 * hook reports activity in a session, and `stop()`s it before closing the store. Session and
 * lease changes on the board are followed through `store.onEvent`.
 */
export class ConflictEngine {
  private readonly evaluator: Evaluator;
  private readonly debounceMs: number;
  private readonly watching: boolean;
  private readonly rescanMs: number;
  private readonly onError: (error: unknown) => void;
  private pending: EvaluationWork = emptyWork();
  private waiters: Waiter[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private rescanTimer: NodeJS.Timeout | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  private readonly sessionWatches = new Map<string, SessionWatch>();
  private readonly repoWatches = new Map<string, Promise<FSWatcher[]>>();
  private readonly watchedRepos = new Set<string>();
  private readonly upstreamTimers = new Map<string, NodeJS.Timeout>();
  private scratch: Promise<string> | null = null;

  constructor(
    private readonly store: BoardStore,
    options: ConflictEngineOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 10;
    this.watching = options.watch ?? true;
    this.rescanMs = options.rescanMs ?? 5 * 60_000;
    this.onError = options.onError ?? ((error) => console.error('Signalbox conflict engine:', error));
    const limit = createLimiter(options.parallelism ?? Math.max(2, availableParallelism()));
    this.evaluator = new Evaluator(
      store,
      {
        worktreeWatched: (id) => this.vouches(id),
        tipWatched: (repoId) => this.watchedRepos.has(repoId),
        rescanMs: this.rescanMs,
      },
      limit,
      () => (this.scratch ??= mkdtemp(join(tmpdir(), 'signalbox-conflicts-'))),
    );
  }

  /** Git processes, snapshots and cache hits so far: for tests and the benchmark. */
  get stats(): ConflictEngineStats {
    return this.evaluator.stats;
  }

  /** Watches every live session, then evaluates everything once. */
  async start(): Promise<void> {
    this.unsubscribe = this.store.onEvent((event) => {
      try {
        this.onBoardEvent(event);
      } catch (error) {
        this.onError(error);
      }
    });
    if (this.watching) {
      await Promise.all(readSessions(this.store).map((session) => this.watchSession(session)));
      this.rescanTimer = setInterval(() => void this.request((work) => (work.all = true), false), this.rescanMs);
      this.rescanTimer.unref();
    }
    await this.evaluateAll();
  }

  /**
   * Re-evaluates only the pairs involving the session, after reading its worktree again — or,
   * when a watcher vouches for the worktree, only the paths the watcher reported.
   */
  refresh(sessionId: string): Promise<void> {
    return this.request((work) => work.refresh.add(sessionId), true);
  }

  /** Re-evaluates every pair, contract and base; worktrees no watcher vouches for are scanned again. */
  evaluateAll(): Promise<void> {
    return this.request((work) => (work.all = true), true);
  }

  /** Resolves once no evaluation is running or pending (an ended session's sweep included). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    for (const id of [...this.sessionWatches.keys()]) this.unwatchSession(id);
    for (const timer of this.upstreamTimers.values()) clearTimeout(timer);
    this.upstreamTimers.clear();
    const repoWatches = [...this.repoWatches.values()];
    this.repoWatches.clear();
    this.watchedRepos.clear();
    for (const watchers of await Promise.all(repoWatches)) for (const watcher of watchers) watcher.close();
    await this.running;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
    if (this.scratch) await rm(await this.scratch, { recursive: true, force: true });
    this.scratch = null;
  }

  private request(change: (work: EvaluationWork) => void, wait: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    change(this.pending);
    const done = wait ? new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject })) : Promise.resolve();
    this.running ??= this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    // After the poll phase: file events already queued by the kernel join this evaluation.
    await new Promise((resolve) => setImmediate(resolve));
    while (hasWork(this.pending) && !this.stopped) {
      const work = this.pending;
      this.pending = emptyWork();
      const waiters = this.waiters.splice(0);
      this.collectWatchedChanges(work);
      try {
        await this.evaluator.run(work);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
        if (waiters.length === 0) this.onError(error);
      }
    }
    this.running = null;
  }

  /** Whatever the watchers saw is read now, debounce or not: an evaluation is starting anyway. */
  private collectWatchedChanges(work: EvaluationWork): void {
    for (const [id, watch] of this.sessionWatches) {
      if (watch.pending === null) continue;
      addRead(work.reads, id, watch.pending);
      watch.pending = null;
      if (watch.timer) clearTimeout(watch.timer);
      watch.timer = null;
    }
  }

  private onBoardEvent(event: BoardEvent): void {
    if (this.stopped) return;
    const session = event.subject.startsWith('session:') ? event.subject.slice('session:'.length) : null;
    if (event.kind === 'session.created' && session) {
      // Read only once the watch is on, so that no change falls between the two.
      void this.watchSession(event.after as Session).then(() => this.request((work) => addRead(work.reads, session, 'full'), false));
    } else if (event.kind === 'session.ended' && session) {
      this.unwatchSession(session);
      void this.request((work) => (work.sweep = true), false);
    } else if (event.kind === 'session.updated' && session) {
      void this.request((work) => work.reevaluate.add(session), false);
    } else if (LEASE_EVENTS.has(event.kind)) {
      const holders = [...leaseHolders(event.before), ...leaseHolders(event.after)];
      // A lease event that names no session could concern any of them.
      const sessions = holders.length > 0 ? holders : readSessions(this.store).map((live) => live.id);
      sessions.forEach((id) => this.pending.reevaluate.add(id));
      // The claim itself was already refused or warned about; the board's conflict rows can follow
      // a moment later, once per burst of lease changes rather than once per change.
      this.leaseTimer ??= setTimeout(() => {
        this.leaseTimer = null;
        void this.request(() => undefined, false);
      }, LEASE_COALESCE_MS);
    }
  }

  private async watchSession(session: Session): Promise<void> {
    if (!this.watching || this.stopped || this.sessionWatches.has(session.id) || !existsSync(session.worktree)) return;
    const watch: SessionWatch = { worktree: session.worktree, tree: null, refs: [], healthy: false, pending: null, timer: null, closed: false };
    this.sessionWatches.set(session.id, watch);
    const changed = (request: ReadRequest) => this.worktreeChanged(session.id, watch, request);
    const failed = (error: unknown) => {
      // Unvouched, the session is scanned in full on refresh() and evaluateAll() again.
      watch.healthy = false;
      if (!watch.closed) this.onError(error);
    };
    try {
      const [tree, gitDir] = await Promise.all([
        TreeWatcher.open(session.worktree, { ignore: IGNORED, onChange: (paths) => changed(new Set(paths)), onError: failed }),
        gitDirOf(session.worktree),
        this.watchRepo(session.repo),
      ]);
      watch.tree = tree;
      if (!gitDir) throw new Error(`${session.worktree} has no git directory`);
      // Commits, resets and staging move HEAD or rewrite the index without touching the files.
      for (const [dir, names] of [
        [gitDir, ['HEAD', 'index']],
        [join(gitDir, 'logs'), ['HEAD']],
      ] as const) {
        const watcher = watchNames(dir, new Set(names), () => changed('full'));
        if (watcher) watch.refs.push(watcher);
      }
      watch.healthy = watch.refs.length > 0;
    } catch (error) {
      failed(error);
    }
    if (watch.closed) this.closeWatch(watch);
  }

  /**
   * Whether the session's watcher vouches for its worktree. A worktree that went away took its
   * watches with it: should it come back, only full scans are trusted again.
   */
  private vouches(id: string): boolean {
    const watch = this.sessionWatches.get(id);
    if (watch?.healthy && !existsSync(watch.worktree)) watch.healthy = false;
    return watch?.healthy === true;
  }

  private unwatchSession(id: string): void {
    const watch = this.sessionWatches.get(id);
    if (!watch) return;
    this.sessionWatches.delete(id);
    watch.closed = true;
    watch.healthy = false;
    this.closeWatch(watch);
  }

  private closeWatch(watch: SessionWatch): void {
    watch.tree?.close();
    for (const watcher of watch.refs) watcher.close();
    if (watch.timer) clearTimeout(watch.timer);
  }

  /** Changes are gathered for `debounceMs` from the first one, then read together. */
  private worktreeChanged(session: string, watch: SessionWatch, request: ReadRequest): void {
    if (watch.closed || this.stopped) return;
    if (watch.pending === 'full' || request === 'full') watch.pending = 'full';
    else watch.pending = new Set([...(watch.pending ?? []), ...request]);
    watch.timer ??= setTimeout(() => {
      watch.timer = null;
      // The pending paths are collected when the evaluation starts.
      void this.request((work) => work.reevaluate.add(session), false);
    }, this.debounceMs);
  }

  /** The protected branch's ref (loose, or in packed-refs) in the repository's common git dir. */
  private watchRepo(repoId: string): Promise<FSWatcher[]> {
    let watching = this.repoWatches.get(repoId);
    if (!watching) {
      watching = (async () => {
        const repo = getRepo(this.store.db, repoId);
        const { commonDir } = await resolveRepository(repo.path);
        const ref = posix.join('refs/heads', repo.protectedBranch);
        const moved = () => this.upstreamChanged(repoId);
        const tipWatchers = [
          watchNames(commonDir, new Set(['packed-refs']), moved),
          watchNames(join(commonDir, dirname(ref)), new Set([posix.basename(ref)]), moved),
        ].filter((watcher): watcher is FSWatcher => watcher !== null);
        if (tipWatchers.length === 2 && !this.stopped) this.watchedRepos.add(repoId);
        // The repository's own ignore rules, shared by its worktrees: a change can make files anywhere ignored or not.
        const excludes = watchNames(join(commonDir, 'info'), new Set(['exclude']), () => this.excludesChanged(repoId));
        return excludes ? [...tipWatchers, excludes] : tipWatchers;
      })().catch((error: unknown) => {
        // Unwatched, the branch tip is read again at every evaluation of the repository.
        this.onError(error);
        return [];
      });
      this.repoWatches.set(repoId, watching);
    }
    return watching;
  }

  /** Every watched worktree of the repository is read in full. */
  private excludesChanged(repoId: string): void {
    for (const session of readSessions(this.store)) {
      const watch = session.repo === repoId ? this.sessionWatches.get(session.id) : undefined;
      if (watch) this.worktreeChanged(session.id, watch, 'full');
    }
  }

  private upstreamChanged(repoId: string): void {
    if (this.stopped || this.upstreamTimers.has(repoId)) return;
    this.upstreamTimers.set(
      repoId,
      setTimeout(() => {
        this.upstreamTimers.delete(repoId);
        void this.request((work) => work.upstream.add(repoId), false);
      }, this.debounceMs),
    );
  }
}

/** Session ids named by a lease event's record (or list of records). */
function leaseHolders(record: unknown): string[] {
  if (Array.isArray(record)) return record.flatMap(leaseHolders);
  if (record && typeof record === 'object') {
    const holder = (record as { session?: unknown }).session;
    return typeof holder === 'string' ? [holder] : [];
  }
  return [];
}
