import type { GitMeter } from './git-meter';
import { filesBetween } from './tree-diff';
import { MAX_PATHSPECS, readWorktreeStatus, type StatusLine } from './worktree-status';

/** A read of a worktree: all of it, or only the paths a watcher saw change ('' is the whole tree). */
export type ReadRequest = 'full' | ReadonlySet<string>;

/** Past this many remembered paths, a session's history is dropped (as after a full read). */
const MAX_TOUCHED = 50_000;

/** Files whose rules change how git sees other paths (ignored or not, normalised or not). */
const RULE_FILES = new Set(['.gitignore', '.gitattributes']);
const isRuleFile = (path: string) => RULE_FILES.has(path.slice(path.lastIndexOf('/') + 1));

/**
 * C(S) of one session as last read from git, kept up to date by reads: a full read scans the
 * worktree once; a read of the paths a watcher reported looks at those paths only.
 *
 * Every read is an epoch; the paths a read saw change are remembered with it, so that the engine
 * can tell what changed since it last compared two sessions. A full read cannot tell: after one,
 * everything counts as changed.
 */
export class WorktreeChanges {
  /** HEAD at the last read; null before the first. */
  head: string | null = null;
  /** C(S), sorted. */
  changes: string[] = [];
  /** Bumped when a read may have seen content change: a snapshot taken before it is out of date. */
  generation = 0;
  /** When the worktree was last scanned in full (ms since the epoch); 0 before the first scan. */
  fullReadAt = 0;
  /** The current read epoch. */
  epoch = 0;
  private fullEpoch = 0;
  /** Paths reads saw change: the epoch of the last change, and of the last one that was not an edit in place. */
  private readonly touched = new Map<string, { at: number; reshapedAt: number }>();
  private lines = new Map<string, StatusLine>();
  private committed: { head: string; files: Map<string, string> } | null = null;

  constructor(
    readonly worktree: string,
    readonly base: string,
  ) {}

  /** What status listed against HEAD: the paths a snapshot has to add. */
  get statusLines(): StatusLine[] {
    return [...this.lines.values()];
  }

  async read(request: ReadRequest, meter?: GitMeter): Promise<void> {
    // An edited .gitignore can make files elsewhere untracked-not-ignored or ignored: read them all.
    if (request !== 'full' && this.head !== null && request.size <= MAX_PATHSPECS && !request.has('') && ![...request].some(isRuleFile)) {
      const paths = [...request];
      const status = await readWorktreeStatus(this.worktree, paths, meter);
      // A moved HEAD changes what every listed path is compared with: only a full read is right then.
      if (status.head === this.head) {
        this.applyPaths(paths, status.lines);
        return;
      }
    }
    const startedAt = Date.now();
    const status = await readWorktreeStatus(this.worktree, null, meter);
    if (!status.head) throw new Error(`${this.worktree} has no commit checked out`);
    if (this.committed?.head !== status.head) {
      this.committed = { head: status.head, files: await filesBetween(this.worktree, this.base, status.head, meter) };
    }
    this.head = status.head;
    this.lines = new Map();
    for (const line of status.lines) this.addLine(line);
    this.generation++;
    this.fullEpoch = ++this.epoch;
    this.touched.clear();
    this.fullReadAt = startedAt;
    this.recompute();
  }

  /**
   * Paths that may have changed since `epoch` and could change how this session merges with
   * another: everything after a full read, else the changed paths that were not simply edited in
   * place. A file added, deleted or renamed can pair up with others in rename detection; one
   * edited in place changes the merge only where the other session changed it too.
   */
  changedSince(epoch: number): { everything: true } | { everything: false; paths: string[]; reshaped: boolean } {
    if (this.fullEpoch > epoch) return { everything: true };
    const paths: string[] = [];
    let reshaped = false;
    for (const [path, { at, reshapedAt }] of this.touched) {
      if (at <= epoch) continue;
      paths.push(path);
      if (reshapedAt > epoch || !this.editedInPlace(path)) reshaped = true;
    }
    return { everything: false, paths, reshaped };
  }

  /** Same content as the base, or the base's file modified in place (in commits, in the worktree, or both). */
  private editedInPlace(path: string): boolean {
    const committed = this.committed?.files.get(path);
    if (committed !== undefined && committed !== 'M') return false;
    const line = this.lines.get(path);
    return line === undefined || line.inPlace;
  }

  private applyPaths(paths: readonly string[], lines: readonly StatusLine[]): void {
    const under = (path: string) => paths.some((reported) => path === reported || path.startsWith(`${reported}/`));
    const epoch = ++this.epoch;
    const touch = (path: string, reshaped: boolean) => {
      const reshapedAt = reshaped ? epoch : (this.touched.get(path)?.reshapedAt ?? 0);
      this.touched.set(path, { at: epoch, reshapedAt });
    };
    let changed = lines.length > 0;
    for (const [path, line] of [...this.lines]) {
      if (!under(path)) continue;
      this.lines.delete(path);
      // Leaving an added, deleted or renamed state (a new file removed, a deleted one restored)
      // reshapes the change as much as entering one: rename detection may pair it differently.
      touch(path, !line.inPlace);
      changed = true;
    }
    for (const line of lines) {
      this.addLine(line);
      touch(line.path, false);
    }
    for (const path of paths) touch(path, false);
    if (this.touched.size > MAX_TOUCHED) {
      this.touched.clear();
      this.fullEpoch = epoch;
    }
    // Paths listed neither before nor now match HEAD and the index: the snapshot still holds.
    if (changed) this.generation++;
    this.recompute();
  }

  // A path can be listed twice (deleted from the index, present on disk).
  private addLine(line: StatusLine): void {
    const known = this.lines.get(line.path);
    this.lines.set(
      line.path,
      known
        ? {
            path: line.path,
            inPlace: known.inPlace && line.inPlace,
            inHead: known.inHead || line.inHead,
            inIndex: known.inIndex || line.inIndex,
            untracked: known.untracked || line.untracked,
          }
        : line,
    );
  }

  private recompute(): void {
    this.changes = [...new Set([...(this.committed?.files.keys() ?? []), ...this.lines.keys()])].sort();
  }
}
