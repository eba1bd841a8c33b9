import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Repo } from '../../shared/board';
import { commitsNotIn, GitError, isAncestor, mergeTrees, revParse } from '../git';
import { BoundedCache } from './bounded-cache';
import { touching, type MergeOutcome, type SessionFacts, type UpstreamFacts } from './classify';
import type { GitMeter } from './git-meter';
import { filesBetween } from './tree-diff';
import type { WorktreeChanges } from './worktree-changes';
import { snapshotCommitOf, snapshotTreeOf, writeHeadIndex } from './worktree-snapshot';

export interface ConflictEngineStats {
  /** Evaluations run (each one transaction on the board). */
  evaluations: number;
  /** Git processes started, in all and by operation (status, statusOfPaths, add, write-tree, mergeTrees, …). */
  gitProcesses: number;
  git: Record<string, number>;
  /** Snapshot trees built (a snapshot is reused until its worktree is seen to change). */
  snapshots: number;
  /** merge-tree outcomes taken from the cache (same snapshots) instead of git. */
  mergeCacheHits: number;
  /** Pairs whose last outcome still held: neither side changed a file that matters to their merge. */
  mergesReused: number;
  /** Git failures reported as unknown (never as clean). */
  unknowns: number;
  lastUnknown: string | null;
  /** Reads skipped because the session's worktree is gone. */
  missingWorktrees: number;
}

/** What the engine knows of one session's worktree. */
export interface SessionEntry {
  id: string;
  changes: WorktreeChanges;
  /** `generation` and `epoch` of the read it was taken after. */
  snapshot: { generation: number; epoch: number; head: string; tree: string } | null;
  commit: { key: string; id: Promise<string> } | null;
}

export interface Snapshot {
  head: string;
  tree: string;
}

/** HEAD indexes kept (each as large as the worktree's index): sessions mostly share a few HEADs. */
const MAX_HEAD_INDEXES = 32;

/** An answer from git, or why git could not give one. */
export type Known<T> = { ok: T } | { unknown: string };

/**
 * Everything the engine asks git (tips, bases, snapshots, merges), remembered by commit and tree
 * ids so that each question costs a process once. A failure is an `unknown`, never a default.
 */
export class GitAnswers {
  readonly meter: GitMeter = {
    started: (operation) => {
      this.stats.gitProcesses++;
      this.stats.git[operation] = (this.stats.git[operation] ?? 0) + 1;
    },
  };
  private readonly merges = new BoundedCache<MergeOutcome>(4096);
  /** Each compared pair's last outcome, with the read epochs of both sessions it was computed at. */
  private readonly pairOutcomes = new BoundedCache<{ epochs: [number, number]; outcome: MergeOutcome }>(4096);
  private readonly bases = new BoundedCache<{ baseOnBranch: boolean; changed: string[] }>(1024);
  private readonly drifts = new BoundedCache<number>(1024);
  /** Indexes of HEAD commits for snapshots to start from, shared by the sessions on one HEAD; most recently used last. */
  private readonly headIndexes = new Map<string, Promise<string | null>>();
  private scratchCount = 0;

  constructor(
    readonly stats: ConflictEngineStats,
    readonly limit: <T>(task: () => Promise<T>) => Promise<T>,
    private readonly scratchDir: () => Promise<string>,
  ) {}

  async tipOf(repo: Repo): Promise<Known<string>> {
    try {
      return {
        ok: await this.limit(() => {
          this.meter.started('revParse');
          return revParse(repo.path, repo.protectedBranch);
        }),
      };
    } catch (error) {
      return { unknown: this.noteUnknown(error) };
    }
  }

  async upstreamFacts(repo: Repo, base: string, tip: Known<string>): Promise<UpstreamFacts> {
    const branch = repo.protectedBranch;
    if (!('ok' in tip)) return { branch, moved: true, unknown: tip.unknown };
    if (tip.ok === base) return { branch, moved: false };
    const key = `${base}..${tip.ok}`;
    let known = this.bases.get(key);
    if (!known) {
      try {
        const [baseOnBranch, changed] = await Promise.all([
          this.limit(() => {
            this.meter.started('isAncestor');
            return isAncestor(repo.path, base, tip.ok);
          }),
          this.limit(() => filesBetween(repo.path, base, tip.ok, this.meter)),
        ]);
        known = { baseOnBranch, changed: [...changed.keys()] };
        this.bases.set(key, known);
      } catch (error) {
        return { branch, moved: true, unknown: this.noteUnknown(error) };
      }
    }
    return { branch, moved: true, ...known };
  }

  /** How many commits the protected tip has past `base` (0: not moved); null when git cannot say. */
  async driftOf(repo: Repo, base: string, tip: Known<string>): Promise<number | null> {
    if (!('ok' in tip)) return null;
    if (tip.ok === base) return 0;
    const key = `${base}..${tip.ok}`;
    const known = this.drifts.get(key);
    if (known !== undefined) return known;
    try {
      const behind = await this.limit(() => {
        this.meter.started('commitsNotIn');
        return commitsNotIn(repo.path, tip.ok, base);
      });
      this.drifts.set(key, behind);
      return behind;
    } catch (error) {
      this.noteUnknown(error);
      return null;
    }
  }

  /** The pair's last merge outcome, if it still holds for both sides' current changes. */
  lastOutcome(a: SessionEntry, b: SessionEntry, factsA: SessionFacts, factsB: SessionFacts): MergeOutcome | null {
    const known = this.pairOutcomes.get(`${a.id}+${b.id}`);
    if (!known || !this.stillHolds(a, known.epochs[0], factsB) || !this.stillHolds(b, known.epochs[1], factsA)) return null;
    this.stats.mergesReused++;
    return known.outcome;
  }

  /**
   * The session's snapshot, rebuilt only if its worktree was seen to change since the last one —
   * in a way that matters to the sessions it is merged with (`others`; null: in any way).
   */
  async snapshotOf(entry: SessionEntry, others: readonly SessionFacts[] | null): Promise<Known<Snapshot>> {
    const { changes } = entry;
    const head = changes.head!;
    const last = entry.snapshot;
    if (
      last &&
      last.head === head &&
      (last.generation === changes.generation || (others !== null && others.every((other) => this.stillHolds(entry, last.epoch, other))))
    ) {
      return { ok: last };
    }
    try {
      const scratchIndex = join(await this.scratchDir(), `${entry.id}-${++this.scratchCount}.index`);
      const { generation, epoch } = changes;
      const headIndex = await this.headIndexOf(changes.worktree, head);
      const tree = await this.limit(() =>
        snapshotTreeOf({ worktree: changes.worktree, scratchIndex, lines: changes.statusLines, headIndex }, this.meter),
      );
      this.stats.snapshots++;
      entry.snapshot = { generation, epoch, head, tree };
      return { ok: entry.snapshot };
    } catch (error) {
      return { unknown: this.noteUnknown(error) };
    }
  }

  /** merge-tree of two sessions' snapshots, cached by their HEAD and tree ids; remembered for the pair. */
  async compare(repo: Repo, [a, snapA]: [SessionEntry, Known<Snapshot>], [b, snapB]: [SessionEntry, Known<Snapshot>]): Promise<MergeOutcome> {
    if (!('ok' in snapA)) return { result: 'unknown', reason: snapA.unknown };
    if (!('ok' in snapB)) return { result: 'unknown', reason: snapB.unknown };
    const epochs: [number, number] = [a.changes.epoch, b.changes.epoch];
    const key = `${snapA.ok.head}:${snapA.ok.tree}|${snapB.ok.head}:${snapB.ok.tree}`;
    const outcome = await this.merge(key, repo, () => this.commitOf(a, snapA.ok), () => this.commitOf(b, snapB.ok));
    if (outcome.result !== 'unknown') this.pairOutcomes.set(`${a.id}+${b.id}`, { epochs, outcome });
    return outcome;
  }

  /** The rebase dry run: the session's snapshot merged onto the protected tip. */
  async dryRunRebase(repo: Repo, tip: string, entry: SessionEntry, snapshot: Known<Snapshot>): Promise<MergeOutcome> {
    if (!('ok' in snapshot)) return { result: 'unknown', reason: snapshot.unknown };
    const key = `rebase:${tip}|${snapshot.ok.head}:${snapshot.ok.tree}`;
    return this.merge(key, repo, async () => tip, () => this.commitOf(entry, snapshot.ok));
  }

  /**
   * The index of `head` that snapshots start from, written once per commit; null if git could not
   * write it (the snapshot then starts from the worktree's own index, which is slower, not wrong).
   */
  private headIndexOf(worktree: string, head: string): Promise<string | null> {
    let known = this.headIndexes.get(head);
    this.headIndexes.delete(head);
    if (!known) {
      known = this.scratchDir().then(async (dir) => {
        // Named anew each time: an evicted file of the same HEAD may still be on its way out.
        const file = join(dir, `head-${head}-${++this.scratchCount}.index`);
        try {
          await this.limit(() => writeHeadIndex(worktree, head, file, this.meter));
          return file;
        } catch {
          this.headIndexes.delete(head);
          return null;
        }
      });
      if (this.headIndexes.size >= MAX_HEAD_INDEXES) {
        const [oldest, file] = this.headIndexes.entries().next().value!;
        this.headIndexes.delete(oldest);
        // A snapshot still copying it finds it gone and starts from the worktree's index.
        void file.then(async (path) => {
          if (path !== null) await rm(path, { force: true });
        });
      }
    }
    this.headIndexes.set(head, known);
    return known;
  }

  /** Counts a git failure and says it in a line the lead can act on. */
  noteUnknown(error: unknown): string {
    this.stats.unknowns++;
    const reason = describeFailure(error);
    this.stats.lastUnknown = reason;
    return reason;
  }

  /**
   * What was known of a session at `epoch` still holds for its merge with `other` if, since then,
   * it changed only files the other did not touch, each edited in place (nothing added, deleted or
   * renamed that rename detection could pair with the other's files).
   */
  private stillHolds(entry: SessionEntry, epoch: number, other: SessionFacts): boolean {
    const since = entry.changes.changedSince(epoch);
    return !since.everything && !since.reshaped && touching(since.paths, other.changes).length === 0;
  }

  private commitOf(entry: SessionEntry, snapshot: Snapshot): Promise<string> {
    const key = `${snapshot.head}:${snapshot.tree}`;
    if (entry.commit?.key !== key) {
      const commit = this.limit(() => {
        this.meter.started('commitTree');
        return snapshotCommitOf(entry.changes.worktree, snapshot.head, snapshot.tree);
      });
      entry.commit = { key, id: commit };
      // A failed commit must be retried next time, not remembered.
      commit.catch(() => {
        if (entry.commit?.id === commit) entry.commit = null;
      });
    }
    return entry.commit.id;
  }

  private async merge(key: string, repo: Repo, ours: () => Promise<string>, theirs: () => Promise<string>): Promise<MergeOutcome> {
    const cached = this.merges.get(key);
    if (cached) {
      this.stats.mergeCacheHits++;
      return cached;
    }
    try {
      const [oursId, theirsId] = await Promise.all([ours(), theirs()]);
      const result = await this.limit(() => {
        this.meter.started('mergeTrees');
        return mergeTrees(repo.path, { ours: oursId, theirs: theirsId });
      });
      const outcome: MergeOutcome = result.clean
        ? { result: 'clean' }
        : { result: 'conflict', paths: [...new Set([...result.conflictedPaths, ...result.conflicts.flatMap((notice) => notice.paths)])].sort() };
      this.merges.set(key, outcome);
      return outcome;
    } catch (error) {
      return { result: 'unknown', reason: this.noteUnknown(error) };
    }
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof GitError) {
    const said = error.stderr.split('\n').find((line) => line.trim() !== '')?.trim() ?? `exit code ${error.exitCode}`;
    return `git ${error.args[0] ?? ''} failed (${said})`;
  }
  return error instanceof Error ? error.message : String(error);
}
