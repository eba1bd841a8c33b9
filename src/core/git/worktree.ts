import { lstat, realpath, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BranchCheckedOutError, BranchExistsError, UnknownRefError, WorktreePathExistsError } from './errors';
import { branchExists, deleteBranch, revParse } from './repository';
import { git, singleLine } from './run-git';
import { listWorktrees } from './worktree-list';

export type AddWorktreeOptions =
  /** A new branch starting at `base`. */
  | { path: string; branch: string; createBranch: true; base: string }
  /** An existing branch that no other worktree has checked out. */
  | { path: string; branch: string; createBranch: false };

/**
 * Adds a worktree at a path that must not exist yet. Everything is checked before anything is
 * changed, and a failed add leaves no folder, worktree entry or new branch behind.
 */
export async function addWorktree(root: string, options: AddWorktreeOptions): Promise<void> {
  const path = resolve(options.path);
  if (await exists(path)) throw new WorktreePathExistsError(path);

  const [worktrees, branchThere, baseCommit] = await Promise.all([
    listWorktrees(root),
    branchExists(root, options.branch),
    options.createBranch ? revParse(root, options.base) : null,
  ]);
  const holder = worktrees.find((worktree) => worktree.branch === options.branch);
  if (holder) throw new BranchCheckedOutError(options.branch, holder.path);
  if (options.createBranch && branchThere) throw new BranchExistsError(root, options.branch);
  if (!options.createBranch && !branchThere) throw new UnknownRefError(root, options.branch);

  const createdFolder = await topmostMissingFolder(path);
  // The resolved id rather than the ref: no upstream gets set, and a ref moving meanwhile changes nothing.
  const args = baseCommit
    ? ['worktree', 'add', '-b', options.branch, '--', path, baseCommit]
    : ['worktree', 'add', '--', path, options.branch];
  try {
    await git(args, root, { name: 'addWorktree' });
  } catch (error) {
    await undoAdd(root, path, createdFolder, options.createBranch ? options.branch : null);
    throw error;
  }
}

async function undoAdd(root: string, path: string, createdFolder: string, createdBranch: string | null): Promise<void> {
  // Best effort: the add's own error is what the caller has to see.
  const ignore = () => undefined;
  const real = await realpath(path).catch(() => path);
  const registered = (await listWorktrees(root).catch(() => [])).some((w) => w.path === path || w.path === real);
  if (registered) await removeWorktree(root, path, { force: true }).catch(ignore);
  await rm(createdFolder, { recursive: true, force: true }).catch(ignore);
  if (createdBranch && (await branchExists(root, createdBranch).catch(() => false))) {
    await deleteBranch(root, createdBranch).catch(ignore);
  }
}

/** Removes a worktree and its folder; without `force` git refuses one with uncommitted work. */
export async function removeWorktree(root: string, path: string, options: { force: boolean }): Promise<void> {
  const args = ['worktree', 'remove', ...(options.force ? ['--force'] : []), '--', path];
  await git(args, root, { name: 'removeWorktree' });
}

/** Forgets worktrees whose folders were deleted by hand. */
export async function pruneWorktrees(root: string): Promise<void> {
  await git(['worktree', 'prune'], root, { name: 'pruneWorktrees' });
}

/** The worktree's own git directory (not the shared one): the place for per-session files. */
export async function worktreeGitDir(worktreePath: string): Promise<string> {
  const { stdout } = await git(['rev-parse', '--absolute-git-dir'], worktreePath, { name: 'worktreeGitDir' });
  return singleLine(stdout);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

async function topmostMissingFolder(path: string): Promise<string> {
  let missing = path;
  while (dirname(missing) !== missing && !(await exists(dirname(missing)))) missing = dirname(missing);
  return missing;
}
