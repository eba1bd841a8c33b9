import { git, nulFields } from './run-git';

export interface Worktree {
  path: string;
  /** Checked-out commit; null in a bare repository or on a branch with no commit yet. */
  head: string | null;
  /** Short branch name; null when detached or bare. */
  branch: string | null;
  bare: boolean;
  /** Its folder is gone; `git worktree prune` would drop it. */
  prunable: boolean;
}

const UNBORN = /^0+$/;

/** Every worktree of the repository, the main one first. */
export async function listWorktrees(root: string): Promise<Worktree[]> {
  const { stdout } = await git(['worktree', 'list', '--porcelain', '-z'], root, { name: 'listWorktrees' });
  return parseWorktreeList(stdout);
}

function parseWorktreeList(stdout: string): Worktree[] {
  const worktrees: Worktree[] = [];
  let current: Worktree | null = null;
  for (const field of nulFields(stdout)) {
    if (field === '') {
      if (current) worktrees.push(current);
      current = null;
      continue;
    }
    const space = field.indexOf(' ');
    const key = space === -1 ? field : field.slice(0, space);
    const value = space === -1 ? '' : field.slice(space + 1);
    if (key === 'worktree') {
      current = { path: value, head: null, branch: null, bare: false, prunable: false };
    } else if (current && key === 'HEAD') {
      current.head = UNBORN.test(value) ? null : value;
    } else if (current && key === 'branch') {
      current.branch = value.replace(/^refs\/heads\//, '');
    } else if (current && key === 'bare') {
      current.bare = true;
    } else if (current && key === 'prunable') {
      current.prunable = true;
    }
  }
  if (current) worktrees.push(current);
  return worktrees;
}
