import { git } from '../git';
import { nulFields } from '../git/run-git';
import type { GitMeter } from './git-meter';

/** One path that differs from HEAD in the index or the working tree. */
export interface StatusLine {
  path: string;
  /** Edited in place: present in HEAD, the index and the working tree, same type (no add, delete or rename). */
  inPlace: boolean;
  /** In HEAD, or maybe (an unmerged path): absent from HEAD and the disk, a snapshot has nothing to add. */
  inHead: boolean;
  /** In the worktree's index: tracked, so part of the worktree's state even if ignored. */
  inIndex: boolean;
  /** Listed as untracked: on disk, not in the index, not ignored. */
  untracked: boolean;
}

export interface WorktreeStatus {
  head: string;
  lines: StatusLine[];
}

/** Above this many paths one full scan is cheaper than a pathspec per path. */
export const MAX_PATHSPECS = 500;

/**
 * The worktree against HEAD, in one scan: with `paths`, only those paths (a directory stands for
 * everything under it) are looked at, which is what makes a watcher-driven refresh cheap.
 *
 * C(S) is these paths plus the files changed between the base and HEAD: a file differing from
 * the base either differs from HEAD (listed here) or HEAD differs from the base. That is the same
 * set as `changedFiles` with one worktree scan instead of two.
 */
export async function readWorktreeStatus(
  worktree: string,
  paths: readonly string[] | null,
  meter?: GitMeter,
): Promise<WorktreeStatus> {
  const args = [
    'status',
    '--porcelain=v2',
    '-z',
    // --branch also makes status print on a clean worktree: simple-git waits 50 ms more on silence.
    '--branch',
    '--no-ahead-behind',
    '--untracked-files=all',
    // Without rename detection both names of a rename are listed, each as a change.
    '--no-renames',
  ];
  const env = paths ? { GIT_LITERAL_PATHSPECS: '1' } : undefined;
  meter?.started(paths ? 'statusOfPaths' : 'status');
  const { stdout } = await git(paths ? [...args, '--', ...paths] : args, worktree, { name: 'readWorktreeStatus', env });
  return parseStatus(stdout);
}

// Porcelain v2 with -z: "# branch.oid <id>" headers, then "1 XY sub mH mI mW hH hI path",
// "2 XY sub mH mI mW hH hI Xscore path" NUL "origPath", "u XY sub m1 m2 m3 mW h1 h2 h3 path", "? path".
function parseStatus(stdout: string): WorktreeStatus {
  let head = '';
  const lines: StatusLine[] = [];
  const fields = nulFields(stdout);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const type = field[0];
    if (type === '#') {
      const oid = /^# branch\.oid (\S+)$/.exec(field)?.[1];
      if (oid && oid !== '(initial)') head = oid;
    } else if (type === '?') {
      lines.push({ path: field.slice(2), inPlace: false, inHead: false, inIndex: false, untracked: true });
    } else if (type === '1' || type === '2' || type === 'u') {
      const before = type === '1' ? 8 : type === '2' ? 9 : 10;
      const path = afterFields(field, before);
      const [x, y] = [field[2]!, field[3]!];
      // mH and mI, the modes in HEAD and the index, are 000000 for a path that one does not have; an unmerged line has neither.
      const [, , , mH, mI] = field.split(' ', 5);
      const inHead = type === 'u' || (type === '1' && mH !== '000000');
      const inIndex = type !== '1' || mI !== '000000';
      lines.push({ path, inPlace: type === '1' && EDITED.has(x) && EDITED.has(y), inHead, inIndex, untracked: false });
      // A rename's source path: HEAD has it, the index no longer does.
      if (type === '2') lines.push({ path: fields[++i]!, inPlace: false, inHead: true, inIndex: false, untracked: false });
    }
  }
  return { head, lines };
}

// Status letters of an entry that is only modified ('.' is unchanged on that side).
const EDITED = new Set(['.', 'M']);

/** The rest of the line after `count` space-separated fields: a path may contain spaces. */
function afterFields(line: string, count: number): string {
  let at = 0;
  for (let n = 0; n < count; n++) at = line.indexOf(' ', at) + 1;
  return line.slice(at);
}
