import { lstat, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { commitTree, copyIndexFile, git, gitDirOf, GitError } from '../git';
import { singleLine } from '../git/run-git';
import type { GitMeter } from './git-meter';
import { MAX_PATHSPECS, type StatusLine } from './worktree-status';

export interface SnapshotSource {
  worktree: string;
  /** A file path Signalbox owns, for the temporary index. */
  scratchIndex: string;
  /** What the worktree's status listed against HEAD. */
  lines: readonly StatusLine[];
}

// --verbose so that add prints: simple-git waits 50 ms more on a silent process.
const ADD_ALL = ['add', '--all', '--verbose'];

/**
 * Tree id of the worktree now (committed, staged, unstaged, untracked-not-ignored), built in a
 * copy of its index so the real index and its lock are never touched. Only the paths status
 * listed are added: everything else already matches the index, so the cost follows the size of
 * the change, not of the repository.
 */
export async function snapshotTreeOf(source: SnapshotSource, meter?: GitMeter): Promise<string> {
  const env = { GIT_INDEX_FILE: source.scratchIndex, GIT_LITERAL_PATHSPECS: '1' };
  const options = { name: 'snapshotTreeOf', env };
  const run = (args: string[]) => {
    meter?.started(args[0]!);
    return git(args, source.worktree, options);
  };
  try {
    const gitDir = await gitDirOf(source.worktree);
    const unstaged = [...new Set(source.lines.filter((line) => line.unstaged).map((line) => line.path))];
    const index = gitDir === null ? null : join(gitDir, 'index');
    const copy = async (time?: Date) => index !== null && (await copyIndexFile(index, source.scratchIndex, time));
    const tracked = [...new Set(source.lines.filter((line) => line.unstaged && !line.untracked).map((line) => line.path))];
    const copied = await copy(index === null || unstaged.length > MAX_PATHSPECS ? undefined : await trustedBefore(index, source.worktree, tracked));
    if (!copied) {
      // No index to start from (a worktree added with --no-checkout): start from HEAD, add everything.
      await run(['read-tree', 'HEAD']);
      await run(ADD_ALL);
    } else if (unstaged.length > MAX_PATHSPECS) {
      await run(ADD_ALL);
    } else if (unstaged.length > 0) {
      await run([...ADD_ALL, '--', ...unstaged]).catch(async (error: unknown) => {
        // A listed file removed since status ran is an unknown pathspec to add; the full add is right anyway.
        if (!(error instanceof GitError)) throw error;
        await copy();
        await run(ADD_ALL);
      });
    }
    const { stdout } = await run(['write-tree']);
    return singleLine(stdout);
  } finally {
    await rm(source.scratchIndex, { force: true });
  }
}

/**
 * A time for the scratch index under which git still checks the content of every listed tracked
 * path it could otherwise take for unchanged. Status (on the real index) lists a file whose stat data
 * match its entry only if that entry is racy — modified in or after the second the index was
 * written — so only such files need the scratch index to be no newer than the second they were
 * modified in (whole seconds: some gits compare no finer). The real index's own time would do
 * too, but it makes git hash anew every file of a worktree checked out in the second its index
 * was written.
 */
async function trustedBefore(index: string, worktree: string, paths: readonly string[]): Promise<Date | undefined> {
  const second = (ms: number) => Math.floor(ms / 1000);
  const written = await stat(index).then((found) => second(found.mtimeMs), () => null);
  if (written === null) return undefined;
  const times = await Promise.all(paths.map((path) => lstat(join(worktree, path)).then((found) => second(found.mtimeMs), () => null)));
  const suspects = times.filter((time): time is number => time !== null && time >= written);
  if (suspects.length === 0) return new Date();
  return new Date(Math.max(written, Math.min(...suspects)) * 1000);
}

const SNAPSHOT_IDENTITY = { name: 'Signalbox', email: 'signalbox@localhost' };

/** A commit of the snapshot tree on HEAD, for merge-tree (which takes commits, not trees). */
export function snapshotCommitOf(worktree: string, head: string, tree: string): Promise<string> {
  return commitTree(worktree, { tree, parents: [head], message: 'signalbox snapshot', identity: SNAPSHOT_IDENTITY });
}
