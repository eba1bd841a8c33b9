import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * A worktree's own git directory, read from its `.git` file (or folder) rather than asked of
 * git: a process fewer on the path from a file save to the board. Null if there is none.
 */
export async function gitDirOf(worktree: string): Promise<string | null> {
  const dotGit = join(worktree, '.git');
  const found = await stat(dotGit).catch(() => null);
  if (!found) return null;
  if (found.isDirectory()) return dotGit;
  const gitDir = /^gitdir: (.+)$/m.exec(await readFile(dotGit, 'utf8').catch(() => ''))?.[1];
  return gitDir ? resolve(worktree, gitDir) : null;
}
