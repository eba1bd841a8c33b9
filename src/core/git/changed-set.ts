import { git, nulFields } from './run-git';
import { worktreeState } from './status';

/**
 * Repository-relative paths a worktree changed since `base`: committed, staged, unstaged and
 * untracked-not-ignored, with both names of a rename; sorted, each once.
 */
export async function changedFiles(worktree: string, base: string): Promise<string[]> {
  // `diff <base>` compares base with the working tree, so commits, staged and unstaged edits come
  // in one run; status adds untracked files and edits reverted since HEAD.
  const [diff, state] = await Promise.all([
    git(['diff', '--name-status', '-z', '--find-renames', '--no-relative', '--end-of-options', base, '--'], worktree, {
      name: 'changedFiles',
    }),
    worktreeState(worktree),
  ]);

  const paths = new Set<string>();
  const fields = nulFields(diff.stdout);
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++]!;
    // A rename or copy (R100, C75) names the old path, then the new one.
    const names = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
    for (let n = 0; n < names && i < fields.length; n++) paths.add(fields[i++]!);
  }
  for (const entry of state.entries) {
    paths.add(entry.path);
    if (entry.origPath !== null) paths.add(entry.origPath);
  }
  return [...paths].sort();
}
