import { realpath, stat } from 'node:fs/promises';
import { GitError, NoProtectedBranchError, NotAGitRepositoryError, UnknownRefError } from './errors';
import { git, singleLine } from './run-git';
import { listWorktrees } from './worktree-list';

export interface Repository {
  /** Top level of the main worktree, absolute and with symlinks resolved. */
  root: string;
  /** The git directory shared by all worktrees, absolute. */
  commonDir: string;
}

/** Finds the repository holding `path`, from its main worktree or any linked one. */
export async function resolveRepository(path: string): Promise<Repository> {
  const folder = await stat(path).catch(() => null);
  if (!folder?.isDirectory()) throw new NotAGitRepositoryError(path, 'missing');

  const name = 'resolveRepository';
  try {
    const [commonDir, worktrees] = await Promise.all([
      git(['rev-parse', '--path-format=absolute', '--git-common-dir'], path, { name }),
      listWorktrees(path),
    ]);
    // git lists the main worktree first.
    const main = worktrees[0];
    if (!main || main.bare) throw new NotAGitRepositoryError(path, 'bare');
    return { root: await realpath(main.path), commonDir: await realpath(singleLine(commonDir.stdout)) };
  } catch (error) {
    if (error instanceof GitError && /not a git repository/i.test(error.stderr)) {
      throw new NotAGitRepositoryError(path);
    }
    throw error;
  }
}

/** The branch sessions merge into: `main` if it exists, else `master`. */
export async function detectProtectedBranch(root: string): Promise<string> {
  const { stdout } = await git(['for-each-ref', '--format=%(refname)', 'refs/heads/main', 'refs/heads/master'], root, {
    name: 'detectProtectedBranch',
  });
  const refs = stdout.split('\n');
  if (refs.includes('refs/heads/main')) return 'main';
  if (refs.includes('refs/heads/master')) return 'master';
  throw new NoProtectedBranchError(root);
}

/** Full id of the commit `ref` names. */
export async function revParse(cwd: string, ref: string): Promise<string> {
  const { stdout, exitCode } = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd, {
    name: 'revParse',
    okExitCodes: [0, 1],
  });
  if (exitCode === 1) throw new UnknownRefError(cwd, ref);
  return singleLine(stdout);
}

/** Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor). */
export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  // Counting instead of `merge-base --is-ancestor`: that one prints nothing, and simple-git waits
  // 50 ms more for a process that printed nothing.
  const { stdout } = await git(
    ['rev-list', '--count', '--max-count=1', '--end-of-options', ancestor, `^${descendant}`],
    cwd,
    { name: 'isAncestor' },
  );
  return stdout.trim() === '0';
}

export async function branchExists(cwd: string, name: string): Promise<boolean> {
  const { exitCode } = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/heads/${name}`], cwd, {
    name: 'branchExists',
    okExitCodes: [0, 1],
  });
  return exitCode === 0;
}

/** Whether `name` is a branch name git accepts (no spaces, no `..`, no trailing `.lock`, …). */
export async function isValidBranchName(cwd: string, name: string): Promise<boolean> {
  const { exitCode } = await git(['check-ref-format', '--branch', name], cwd, {
    name: 'isValidBranchName',
    okExitCodes: [0, 1, 128],
  });
  return exitCode === 0;
}

/** Deletes a local branch even when it is not merged anywhere. */
export async function deleteBranch(cwd: string, name: string): Promise<void> {
  await git(['branch', '--delete', '--force', '--end-of-options', name], cwd, { name: 'deleteBranch' });
}

/** How many commits `branch` has that `target` does not. */
export async function commitsNotIn(cwd: string, branch: string, target: string): Promise<number> {
  const { stdout } = await git(['rev-list', '--count', '--end-of-options', branch, `^${target}`], cwd, {
    name: 'commitsNotIn',
  });
  return Number.parseInt(stdout.trim(), 10);
}
