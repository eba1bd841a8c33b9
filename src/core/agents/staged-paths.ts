import { resolve } from 'node:path';
import { git } from '../git';

const CHANGES = ['diff', '--cached', '--name-status', '-z', '--diff-filter=ACMRDTU'];

/** Paths of `git diff --name-status -z`: one per entry, both names of a rename or copy. */
export function parseNameStatus(output: string): string[] {
  const fields = output.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i] ?? '';
    if (!status) {
      i += 1;
      continue;
    }
    const names = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
    paths.push(...fields.slice(i + 1, i + 1 + names).filter(Boolean));
    i += 1 + names;
  }
  return [...new Set(paths)];
}

/**
 * What the commit about to be made changes, as git's pre-commit hook sees it. `indexFile` is the
 * GIT_INDEX_FILE git gave the hook: `commit -a` and `commit PATH` commit a temporary index, not
 * the worktree's. While a merge is concluded, only the paths whose result differs from both
 * sides count: taking the other branch's version as it is changes nothing of this session's.
 */
export async function stagedPaths(worktree: string, indexFile: string | undefined): Promise<string[]> {
  const env: Record<string, string> = indexFile ? { GIT_INDEX_FILE: resolve(worktree, indexFile) } : {};
  const ours = parseNameStatus((await git(CHANGES, worktree, { name: 'list staged changes', env })).stdout);
  const merging = await git(['rev-parse', '-q', '--verify', 'MERGE_HEAD'], worktree, { name: 'detect a merge', okExitCodes: [0, 1] });
  if (merging.exitCode !== 0 || !ours.length) return ours;
  const theirs = new Set(parseNameStatus((await git([...CHANGES, 'MERGE_HEAD'], worktree, { name: 'list merge resolution', env })).stdout));
  return ours.filter((path) => theirs.has(path));
}
