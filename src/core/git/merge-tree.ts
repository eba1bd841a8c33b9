import { GitError } from './errors';
import { git, nulFields } from './run-git';

export interface MergeConflictNotice {
  /** git's conflict type, e.g. `CONFLICT (contents)`, `CONFLICT (modify/delete)`. */
  kind: string;
  paths: string[];
  message: string;
}

export type MergeResult =
  | { clean: true; tree: string }
  | {
      clean: false;
      /** The merged tree, with conflict markers where git could not merge. */
      tree: string;
      /** git's list of conflicted files; may be empty even though the merge is not clean. */
      conflictedPaths: string[];
      conflicts: MergeConflictNotice[];
    };

export interface MergeSides {
  /** Commits, not trees: merge-tree of git 2.39 takes no `--merge-base`, so it finds the base from
   * history. To merge against a chosen base, pass commits whose parent is that base (snapshotCommit). */
  ours: string;
  theirs: string;
}

const TREE_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Merges two commits in memory; touches no worktree, index or ref. */
export async function mergeTrees(cwd: string, sides: MergeSides): Promise<MergeResult> {
  const args = ['merge-tree', '--write-tree', '-z', '--name-only', '--end-of-options', sides.ours, sides.theirs];
  const result = await git(args, cwd, { name: 'mergeTrees', okExitCodes: [0, 1] });
  const fields = nulFields(result.stdout);
  const tree = fields[0] ?? '';
  // merge-tree also exits 1 when it cannot start (an unknown object); only a tree id makes it a merge.
  if (!TREE_ID.test(tree)) {
    throw new GitError({ args, cwd, exitCode: result.exitCode, stderr: result.stderr, operation: 'mergeTrees' });
  }
  if (result.exitCode === 0) return { clean: true, tree };

  const end = fields.indexOf('', 1);
  const conflictedPaths = fields.slice(1, end === -1 ? fields.length : end);
  return { clean: false, tree, conflictedPaths, conflicts: end === -1 ? [] : parseNotices(fields.slice(end + 1)) };
}

// Each message is: path count, that many paths, its type, then the text.
function parseNotices(fields: string[]): MergeConflictNotice[] {
  const notices: MergeConflictNotice[] = [];
  let i = 0;
  while (i < fields.length) {
    const count = Number.parseInt(fields[i++]!, 10);
    if (!Number.isInteger(count) || i + count + 2 > fields.length) break;
    const paths = fields.slice(i, i + count);
    i += count;
    const kind = fields[i++]!;
    const message = fields[i++]!.replace(/\n$/, '');
    if (kind.startsWith('CONFLICT')) notices.push({ kind, paths, message });
  }
  return notices;
}
