import { copyFile, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitTree } from './commit-tree';
import { gitDirOf } from './git-dir';
import { git, singleLine } from './run-git';

const SNAPSHOT_IDENTITY = { name: 'Signalbox', email: 'signalbox@localhost' };

/**
 * Tree id of everything in the worktree now: committed, staged, unstaged and untracked-not-ignored.
 * Works on a copy of the index, so the real index (and its lock, maybe held by an agent) is untouched.
 */
export async function snapshotTree(worktree: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'signalbox-snapshot-'));
  const index = join(folder, 'index');
  try {
    const gitDir = await gitDirOf(worktree);
    // Copying keeps the index's file stats, so `add` hashes only files that changed.
    if (gitDir) await copyIndexFile(join(gitDir, 'index'), index);
    const options = { name: 'snapshotTree', env: { GIT_INDEX_FILE: index } };
    // --verbose lists what it adds: a process that prints nothing costs 50 ms more under simple-git.
    await git(['add', '--all', '--verbose'], worktree, options);
    const { stdout } = await git(['write-tree'], worktree, options);
    return singleLine(stdout);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Copies an index to a scratch file stamped with its own modification time. Git trusts an entry's
 * stat data only for files older than the index file, so a copy stamped "now" would hide a
 * same-size edit made in the second the index was last written (racy git). False when there is
 * no index to copy.
 */
export async function copyIndexFile(from: string, to: string): Promise<boolean> {
  try {
    // Stat first: should the index be rewritten meanwhile, the older time only makes git check more.
    const { mtime } = await stat(from);
    await copyFile(from, to);
    await utimes(to, mtime, mtime);
    return true;
  } catch {
    return false;
  }
}

/** A commit of the worktree's snapshot on top of `parent`, made under Signalbox's own name. */
export async function snapshotCommit(worktree: string, parent: string, message: string): Promise<string> {
  const tree = await snapshotTree(worktree);
  return commitTree(worktree, { tree, parents: [parent], message, identity: SNAPSHOT_IDENTITY });
}
