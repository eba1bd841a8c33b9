import { lstat, rm } from 'node:fs/promises';
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
  const addEverything = async () => {
    // The worktree's own index (copied with its time, so racy entries are checked): its stat data spare hashing what did not change.
    const gitDir = await gitDirOf(source.worktree);
    if (gitDir === null || !(await copyIndexFile(join(gitDir, 'index'), source.scratchIndex))) {
      // No index to start from (a worktree added with --no-checkout): start from HEAD.
      await run(['read-tree', 'HEAD']);
    }
    await run(ADD_ALL);
  };
  try {
    const { files, directories } = await pathsToAdd(source);
    if (source.headIndex === null || files.length + directories.length > MAX_PATHSPECS || !(await copyIndexFile(source.headIndex, source.scratchIndex))) {
      await addEverything();
    } else {
      try {
        // --force: a listed file is in the worktree's state even if ignored (a force-added one).
        if (files.length > 0) await run([...ADD_ALL, '--force', '--', ...files]);
        // A directory where HEAD has a file (or a nested repository): its ignored content stays out.
        if (directories.length > 0) await run([...ADD_ALL, '--', ...directories]);
      } catch (error) {
        // A listed file removed since status ran is an unknown pathspec to add; the full add is right anyway.
        if (!(error instanceof GitError)) throw error;
        await addEverything();
      }
    }
    const { stdout } = await run(['write-tree']);
    return singleLine(stdout);
  } finally {
    await rm(source.scratchIndex, { force: true });
  }
}

/**
 * The listed paths, by what is on disk now, less those neither in HEAD nor on disk (staged, then
 * deleted): nothing to add or remove.
 */
async function pathsToAdd({ worktree, lines }: SnapshotSource): Promise<{ files: string[]; directories: string[] }> {
  const listed = new Map<string, boolean>();
  for (const line of lines) listed.set(line.path, (listed.get(line.path) ?? false) || line.inHead);
  const found = await Promise.all(
    [...listed.keys()].map((path) => lstat(join(worktree, path)).then((entry) => (entry.isDirectory() ? 'directory' : 'file'), () => 'gone')),
  );
  const files: string[] = [];
  const directories: string[] = [];
  [...listed].forEach(([path, inHead], n) => {
    if (found[n] === 'directory') directories.push(path);
    else if (found[n] === 'file' || inHead) files.push(path);
  });
  return { files, directories };
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
