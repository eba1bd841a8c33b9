import { git, nulFields } from './run-git';

export interface StatusEntry {
  /** Repository-relative path (the new name of a rename). */
  path: string;
  /** The old name of a rename or copy. */
  origPath: string | null;
  /** Status letter against HEAD (`M`, `A`, `D`, `R`, `?`, ...); a space when unchanged. */
  index: string;
  /** Status letter of the working tree against the index. */
  worktree: string;
}

export interface WorktreeState {
  /** Anything staged, unstaged or untracked (ignored files do not count). */
  dirty: boolean;
  entries: StatusEntry[];
}

export async function worktreeState(worktree: string): Promise<WorktreeState> {
  // --branch only so that status always prints: simple-git waits 50 ms more on a silent process.
  const { stdout } = await git(
    ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--renames', '--branch', '--no-ahead-behind'],
    worktree,
    { name: 'worktreeState' },
  );
  const entries = parseStatus(stdout);
  return { dirty: entries.length > 0, entries };
}

function parseStatus(stdout: string): StatusEntry[] {
  const entries: StatusEntry[] = [];
  const fields = nulFields(stdout);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (i === 0 && field.startsWith('## ')) continue;
    const index = field[0]!;
    const worktree = field[1]!;
    const path = field.slice(3);
    // For a rename or copy, -z puts the old name in the next field.
    const moved = index === 'R' || index === 'C' || worktree === 'R' || worktree === 'C';
    const origPath = moved ? (fields[++i] ?? null) : null;
    entries.push({ path, origPath, index, worktree });
  }
  return entries;
}
