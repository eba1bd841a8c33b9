import { existsSync } from 'node:fs';
import type { Repo, Session } from '../../shared/board';
import type { BoardStore } from '../board/board-store';
import { liveLeases } from '../board/records';
import { listRepos } from '../board/repos';
import { readSessions } from '../board/session-record';
import {
  classifyContract,
  classifyPair,
  classifyStaleBase,
  sharedChanges,
  staleBaseEvidence,
  type DetectedConflict,
  type LeaseFact,
  type MergeOutcome,
  type SessionFacts,
  type UpstreamFacts,
} from './classify';
import { compareSessionIds } from './conflict-key';
import { reconcileConflicts, type ReconcileResult } from './conflict-store';
import type { EvaluationWork } from './evaluation-work';
import { GitAnswers, type ConflictEngineStats, type Known, type SessionEntry, type Snapshot } from './git-answers';
import { WorktreeChanges, type ReadRequest } from './worktree-changes';

/** What the engine's watchers vouch for. */
export interface WatchedFacts {
  /** Every change in the session's worktree since its last read is reported (or pending) by a watcher. */
  worktreeWatched(sessionId: string): boolean;
  /** A move of the repository's protected branch would be reported by a watcher. */
  tipWatched(repoId: string): boolean;
  /** How long a watcher's word stands in for a full scan: after that, a full evaluation scans again. */
  rescanMs: number;
}

interface BoardFacts {
  sessions: Session[];
  live: Map<string, Session>;
  repos: Map<string, Repo>;
  leases: Map<string, LeaseFact[]>;
}

/**
 * One evaluation at a time (the engine serialises them): read what changed, compare what needs
 * comparing, classify, and reconcile the board in one transaction. What git answered is
 * remembered, so an evaluation pays only for what changed since the last one.
 */
export class Evaluator {
  readonly stats: ConflictEngineStats = {
    evaluations: 0,
    gitProcesses: 0,
    git: {},
    snapshots: 0,
    mergeCacheHits: 0,
    mergesReused: 0,
    unknowns: 0,
    lastUnknown: null,
    missingWorktrees: 0,
  };
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly tips = new Map<string, string>();
  private readonly git: GitAnswers;

  constructor(
    private readonly store: BoardStore,
    private readonly watched: WatchedFacts,
    limit: <T>(task: () => Promise<T>) => Promise<T>,
    scratchDir: () => Promise<string>,
  ) {
    this.git = new GitAnswers(this.stats, limit, scratchDir);
  }

  async run(work: EvaluationWork): Promise<ReconcileResult> {
    this.stats.evaluations++;
    const board = this.readBoard();
    const reads = this.planReads(board, work);
    // A worktree deleted by hand is skipped: its conflicts stay as last seen, nothing is resolved.
    const unreadable = new Set(board.sessions.filter((session) => !existsSync(session.worktree)).map((session) => session.id));
    for (const id of unreadable) if (reads.delete(id)) this.stats.missingWorktrees++;

    const [readOk, tips] = await Promise.all([this.readWorktrees(reads, unreadable), this.readTips(board, work, reads)]);

    const known = board.sessions.filter((session) => !unreadable.has(session.id) && this.entry(session.id).changes.head !== null);
    const knownIds = new Set(known.map((session) => session.id));
    const asked = [...work.reevaluate, ...work.refresh].filter((id) => knownIds.has(id));
    const evaluated = new Set(work.all ? knownIds : [...readOk, ...asked]);
    const baseChecked = new Set(evaluated);
    for (const session of known) if (tips.moved.has(session.repo)) baseChecked.add(session.id);

    const facts = new Map(known.map((session) => [session.id, this.facts(session, board.leases.get(session.id) ?? [])]));
    const pairs = pairsOf(evaluated, known, board.live);
    const upstream = new Map<string, UpstreamFacts>();
    const baseDrift = new Map<string, number | null>();
    await Promise.all(
      [...baseChecked].map(async (id) => {
        const session = board.live.get(id)!;
        const repo = board.repos.get(session.repo);
        const tip = tips.byRepo.get(session.repo);
        if (!repo || !tip) return;
        const [facts, drift] = await Promise.all([this.git.upstreamFacts(repo, session.baseCommit, tip), this.git.driftOf(repo, session.baseCommit, tip)]);
        upstream.set(id, facts);
        baseDrift.set(id, drift);
      }),
    );
    const rebasing = [...upstream].filter(([id, up]) => staleBaseEvidence(facts.get(id)!, up).stale === true).map(([id]) => id);

    const outcomes = new Map<string, MergeOutcome>();
    const merging = pairs.filter(([a, b]) => {
      if (sharedChanges(facts.get(a.id)!, facts.get(b.id)!).length === 0) return false;
      const last = this.git.lastOutcome(this.entry(a.id), this.entry(b.id), facts.get(a.id)!, facts.get(b.id)!);
      if (last) outcomes.set(`${a.id}+${b.id}`, last);
      return last === null;
    });
    const snapshots = await this.snapshots(merging, rebasing, facts);
    const side = (session: Session): [SessionEntry, Known<Snapshot>] => [this.entry(session.id), snapshots.get(session.id)!];
    await Promise.all([
      ...merging.map(async ([a, b]) => outcomes.set(`${a.id}+${b.id}`, await this.git.compare(board.repos.get(a.repo)!, side(a), side(b)))),
      ...rebasing.map(async (id) => {
        const session = board.live.get(id)!;
        const tip = tips.byRepo.get(session.repo)!;
        if (!('ok' in tip)) return;
        outcomes.set(`rebase:${id}`, await this.git.dryRunRebase(board.repos.get(session.repo)!, tip.ok, this.entry(id), snapshots.get(id)!));
      }),
    ]);

    const detected: DetectedConflict[] = [];
    for (const [a, b] of pairs) detected.push(...classifyPair(facts.get(a.id)!, facts.get(b.id)!, outcomes.get(`${a.id}+${b.id}`) ?? null));
    for (const id of evaluated) detected.push(...classifyContract(facts.get(id)!));
    for (const [id, up] of upstream) detected.push(...classifyStaleBase(facts.get(id)!, up, outcomes.get(`rebase:${id}`) ?? null));

    return reconcileConflicts(this.store, {
      detected,
      covers: (scope) => {
        // A conflict with a session that could not be read keeps its last known state.
        if (!scope.sessions.every((id) => knownIds.has(id))) return false;
        if (scope.family === 'pair') return scope.sessions.some((id) => evaluated.has(id));
        if (scope.family === 'contract') return evaluated.has(scope.sessions[0]!);
        return upstream.has(scope.sessions[0]!);
      },
      changedSets: new Map([...readOk].map((id) => [id, this.entry(id).changes.changes])),
      baseDrift,
    });
  }

  private readBoard(): BoardFacts {
    const board = this.store.db.transaction(() => ({
      sessions: readSessions(this.store),
      repos: new Map(listRepos(this.store.db).map((repo) => [repo.id, repo])),
      leases: leasesBySession(this.store),
    }))();
    const live = new Map(board.sessions.map((session) => [session.id, session]));
    for (const id of [...this.sessions.keys()]) if (!live.has(id)) this.sessions.delete(id);
    return { ...board, live };
  }

  /**
   * New sessions, and sessions whose base or worktree changed, are scanned in full; so is every
   * session of a full evaluation or a refresh, unless a watcher vouches for it (and it was
   * scanned recently).
   */
  private planReads(board: BoardFacts, work: EvaluationWork): Map<string, ReadRequest> {
    const reads = new Map<string, ReadRequest>();
    const now = Date.now();
    for (const session of board.sessions) {
      const entry = this.sessions.get(session.id);
      if (!entry || entry.changes.worktree !== session.worktree || entry.changes.base !== session.baseCommit) {
        const changes = new WorktreeChanges(session.worktree, session.baseCommit);
        this.sessions.set(session.id, { id: session.id, changes, snapshot: null, commit: null });
        reads.set(session.id, 'full');
        continue;
      }
      const vouched = this.watched.worktreeWatched(session.id) && now - entry.changes.fullReadAt < this.watched.rescanMs;
      if ((work.all || work.refresh.has(session.id)) && !vouched) reads.set(session.id, 'full');
    }
    for (const [id, request] of work.reads) if (board.live.has(id) && !reads.has(id)) reads.set(id, request);
    return reads;
  }

  /** Sessions read successfully; a failed read makes the session unreadable for this evaluation. */
  private async readWorktrees(reads: Map<string, ReadRequest>, unreadable: Set<string>): Promise<Set<string>> {
    const readOk = new Set<string>();
    await Promise.all(
      [...reads].map(([id, request]) =>
        this.git.limit(() => this.entry(id).changes.read(request, this.git.meter)).then(
          () => readOk.add(id),
          (error: unknown) => {
            unreadable.add(id);
            this.git.noteUnknown(error);
          },
        ),
      ),
    );
    return readOk;
  }

  /**
   * The protected tip of each repository the evaluation touches. A watched branch's last known
   * tip is trusted; otherwise it is read, and a tip that moved puts every session of the
   * repository up for a stale-base check.
   */
  private async readTips(
    board: BoardFacts,
    work: EvaluationWork,
    reads: Map<string, ReadRequest>,
  ): Promise<{ byRepo: Map<string, Known<string>>; moved: Set<string> }> {
    const byRepo = new Map<string, Known<string>>();
    const moved = new Set<string>();
    const involved = new Set(work.upstream);
    for (const session of board.sessions) {
      const asked = reads.has(session.id) || work.reevaluate.has(session.id) || work.refresh.has(session.id);
      if (work.all || asked) involved.add(session.repo);
    }
    await Promise.all(
      [...involved].map(async (repoId) => {
        const repo = board.repos.get(repoId);
        const cached = this.tips.get(repoId);
        if (!repo) return;
        if (cached && !work.all && !work.upstream.has(repoId) && this.watched.tipWatched(repoId)) {
          byRepo.set(repoId, { ok: cached });
          return;
        }
        const tip = await this.git.tipOf(repo);
        byRepo.set(repoId, tip);
        if (!('ok' in tip)) return;
        if (tip.ok !== cached || work.upstream.has(repoId)) moved.add(repoId);
        this.tips.set(repoId, tip.ok);
      }),
    );
    return { byRepo, moved };
  }

  /**
   * Snapshots of the sessions to merge. A session's last snapshot still does for the sessions it
   * is merged with if it changed nothing that matters to them since; the rebase dry run compares
   * with everything upstream changed, so only a current snapshot does for it.
   */
  private async snapshots(
    merging: [Session, Session][],
    rebasing: string[],
    facts: Map<string, SessionFacts>,
  ): Promise<Map<string, Known<Snapshot>>> {
    const mergedWith = new Map<string, SessionFacts[] | null>();
    for (const [a, b] of merging) {
      for (const [self, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const others = mergedWith.get(self.id);
        if (others !== null) mergedWith.set(self.id, [...(others ?? []), facts.get(other.id)!]);
      }
    }
    for (const id of rebasing) mergedWith.set(id, null);
    const snapshots = new Map<string, Known<Snapshot>>();
    await Promise.all([...mergedWith].map(async ([id, others]) => snapshots.set(id, await this.git.snapshotOf(this.entry(id), others))));
    return snapshots;
  }

  private entry(id: string): SessionEntry {
    return this.sessions.get(id)!;
  }

  private facts(session: Session, leases: LeaseFact[]): SessionFacts {
    return {
      id: session.id,
      owner: session.owner,
      createdAt: session.createdAt,
      changes: this.entry(session.id).changes.changes,
      leases,
      scope: session.scope,
      forbidden: session.forbidden,
    };
  }
}

/** Each pair with at least one evaluated session, once, within one repository. */
function pairsOf(evaluated: Set<string>, known: Session[], live: Map<string, Session>): [Session, Session][] {
  const pairs: [Session, Session][] = [];
  const seen = new Set<string>();
  for (const id of evaluated) {
    const session = live.get(id)!;
    for (const other of known) {
      if (other.id === id || other.repo !== session.repo) continue;
      const pair = [session, other].sort((a, b) => compareSessionIds(a.id, b.id)) as [Session, Session];
      const key = `${pair[0].id}+${pair[1].id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push(pair);
    }
  }
  return pairs;
}

function leasesBySession(store: BoardStore): Map<string, LeaseFact[]> {
  const bySession = new Map<string, LeaseFact[]>();
  for (const lease of liveLeases(store.db)) {
    const list = bySession.get(lease.session) ?? [];
    list.push({ pattern: lease.pattern, mode: lease.mode });
    bySession.set(lease.session, list);
  }
  return bySession;
}
