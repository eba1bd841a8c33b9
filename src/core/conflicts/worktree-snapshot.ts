import { lstat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { commitTree, copyIndexFile, git, GitError, snapshotTree } from '../git';
import { singleLine } from '../git/run-git';
import type { GitMeter } from './git-meter';
import { MAX_PATHSPECS, type StatusLine } from './worktree-status';

export interface SnapshotSource {
  worktree: string;
  /** A file path Signalbox owns, for the temporary index. */
  scratchIndex: string;
  /** What the worktree's status listed against HEAD, one line per path (`WorktreeChanges.statusLines`). */
  lines: readonly StatusLine[];
  /** An index of that HEAD without stat data (`writeHeadIndex`); null starts from the worktree's own index. */
  headIndex: string | null;
}

// --verbose so that add prints: simple-git waits 50 ms more on a silent process.
const ADD_ALL = ['add', '--all', '--verbose'];

/**
 * Tree id of the worktree now (committed, staged, unstaged, untracked-not-ignored), built in a
 * scratch index so the real index and its lock are never touched.
 *
 * Everything status did not list matches HEAD, so the snapshot is HEAD's tree with the listed
 * paths added from disk: the cost follows the size of the change, not of the repository. It
 * starts from HEAD's index without stat data rather than from a copy of the worktree's own index,
 * whose entries git may have to hash again on every write — all of them, in a worktree checked
 * out in the second its index was written (racy git) — and which cannot tell a listed file's
 * same-size edit from a clean one when the index is that recent.
 */
export async function snapshotTreeOf(source: SnapshotSource, meter?: GitMeter): Promise<string> {
  const env = { GIT_INDEX_FILE: source.scratchIndex, GIT_LITERAL_PATHSPECS: '1' };
  const options = { name: 'snapshotTreeOf', env };
  const run = (args: string[]) => {
    meter?.started(args[0]!);
    return git(args, source.worktree, options);
  };
  // The full snapshot, from a copy of the worktree's own index: everything added, slower, never wrong.
  const full = () => {
    meter?.started('add');
    meter?.started('write-tree');
    return snapshotTree(source.worktree);
  };
  try {
    const { drop, forced, plain } = await planOf(source);
    if (
      source.headIndex === null ||
      drop.length + forced.length + plain.length > MAX_PATHSPECS ||
      !(await copyIndexFile(source.headIndex, source.scratchIndex))
    ) {
      return await full();
    }
    try {
      if (drop.length > 0) await run(['update-index', '--force-remove', '--', ...drop]);
      if (forced.length > 0) await run([...ADD_ALL, '--force', '--', ...forced]);
      if (plain.length > 0) await run([...ADD_ALL, '--', ...plain]);
    } catch (error) {
      // A listed file removed since status ran is an unknown pathspec to add; the full snapshot is right anyway.
      if (!(error instanceof GitError)) throw error;
      return await full();
    }
    const { stdout } = await run(['write-tree']);
    return singleLine(stdout);
  } finally {
    await rm(source.scratchIndex, { force: true });
  }
}

/**
 * What turns HEAD's index into the worktree's state, path by listed path (HEAD's index already
 * tracks the paths in HEAD, so only those need no --force):
 * - `drop`: in HEAD, out of the worktree's index and not untracked, yet on disk — an ignored file
 *   unstaged with `git rm --cached`: not part of the state, though add would keep it tracked;
 * - `forced`: files the worktree's index tracks that HEAD does not (staged, maybe force-added):
 *   part of the state even if ignored;
 * - `plain`: the rest — edits, deletions, untracked files, and folders, whose ignored content
 *   stays out (a folder that replaced a tracked file, a nested repository).
 * A path neither in HEAD nor on disk (staged, then deleted) needs nothing.
 */
async function planOf({ worktree, lines: entries }: SnapshotSource): Promise<{ drop: string[]; forced: string[]; plain: string[] }> {
  const found = await Promise.all(
    entries.map(({ path }) => lstat(join(worktree, path)).then((entry) => (entry.isDirectory() ? 'directory' : 'file'), () => 'gone')),
  );
  const plan = { drop: [] as string[], forced: [] as string[], plain: [] as string[] };
  entries.forEach(({ path, inHead, inIndex, untracked }, n) => {
    if (found[n] === 'gone') {
      if (inHead) plan.plain.push(path);
    } else if (inHead && !inIndex && !untracked) {
      plan.drop.push(path);
    } else if (found[n] === 'file' && inIndex && !inHead) {
      plan.forced.push(path);
    } else {
      plan.plain.push(path);
    }
  });
  return plan;
}

/** Writes to `file` an index of `head`'s tree with no stat data, for snapshots to start from. */
export async function writeHeadIndex(worktree: string, head: string, file: string, meter?: GitMeter): Promise<void> {
  meter?.started('read-tree');
  await git(['read-tree', head], worktree, { name: 'writeHeadIndex', env: { GIT_INDEX_FILE: file } });
}

const SNAPSHOT_IDENTITY = { name: 'Signalbox', email: 'signalbox@localhost' };

/** A commit of the snapshot tree on HEAD, for merge-tree (which takes commits, not trees). */
export function snapshotCommitOf(worktree: string, head: string, tree: string): Promise<string> {
  return commitTree(worktree, { tree, parents: [head], message: 'signalbox snapshot', identity: SNAPSHOT_IDENTITY });
}
