import { git } from './run-git';
import { snapshotTree } from './snapshot';

/**
 * A patch from `base` to everything in the worktree now (committed, staged, unstaged and untracked),
 * which `git apply` takes on a checkout of base. Bytes, not text: files may be in any encoding.
 */
export async function patchSince(worktree: string, base: string): Promise<Buffer> {
  const tree = await snapshotTree(worktree);
  // Every option that user configuration could change is pinned, so the patch always applies.
  const { stdoutBytes } = await git(
    [
      'diff',
      '--binary',
      '--find-renames',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-relative',
      '--submodule=short',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      '--end-of-options',
      base,
      tree,
      '--',
    ],
    worktree,
    { name: 'patchSince' },
  );
  return stdoutBytes;
}
