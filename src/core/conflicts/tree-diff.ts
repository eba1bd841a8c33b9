import { git } from '../git';
import { nulFields } from '../git/run-git';
import type { GitMeter } from './git-meter';

/**
 * Files that differ between two commits, with git's status letter (`M` modified in place, `A`,
 * `D`, `T` type change). No rename detection: a rename is a deletion and an addition, so both
 * names are listed. Compares trees only: no worktree is scanned.
 */
export async function filesBetween(cwd: string, from: string, to: string, meter?: GitMeter): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (from === to) return files;
  meter?.started('filesBetween');
  const { stdout } = await git(['diff-tree', '-r', '-z', '--name-status', '--no-renames', '--end-of-options', from, to], cwd, {
    name: 'filesBetween',
  });
  const fields = nulFields(stdout);
  for (let i = 0; i + 1 < fields.length; i += 2) files.set(fields[i + 1]!, fields[i]!);
  return files;
}
