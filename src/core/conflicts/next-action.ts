/** The next action of each conflict, in the words the lead acts on (DESIGN §3). */

const LISTED = 3;

/** A few paths, readable in one line: names with spaces, quotes or control characters are quoted. */
export function listPaths(paths: readonly string[]): string {
  const shown = paths.slice(0, LISTED).map((path) => (/^[\w./@+-]+$/.test(path) ? path : JSON.stringify(path)));
  const more = paths.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

export const nextAction = {
  writeLeasesMeet: (later: string, pattern: string) => `Stop ${later} writing ${pattern}; reassign the lease or sequence the merges`,

  writeIntoLease: (writer: string, files: readonly string[], holder: string, pattern: string) =>
    `Stop ${writer} writing ${listPaths(files)} (leased to ${holder} as ${pattern}); reassign the lease or sequence the merges`,

  textualConflict: (earlier: string, later: string, files: readonly string[]) =>
    files.length > 0
      ? `Stop ${later} editing ${listPaths(files)} (conflicts with ${earlier}); merge ${earlier} first and rebase ${later}, or reassign the files`
      : `Stop ${later}: its work conflicts with ${earlier}, though git named no file; merge ${earlier} first and rebase ${later}, or reassign the work`,

  couldNotCompare: (earlier: string, later: string, reason: string) =>
    `Could not compare ${earlier} and ${later}: ${reason}; check manually`,

  watch: (earlier: string, later: string) => `Watch: merge ${earlier} before ${later}`,

  forbidden: (session: string, files: readonly string[]) =>
    `Stop ${session} editing ${listPaths(files)} (forbidden by its contract); revert them or change the contract`,

  outOfScope: (session: string, files: readonly string[]) =>
    `Check ${session}'s edits outside its scope (${listPaths(files)}); widen the scope or move the work`,

  rebase: (session: string, branch: string, rewritten: boolean, dryRun: string) =>
    rewritten
      ? `${branch} was rewritten and no longer contains ${session}'s base: rebase ${session} onto ${branch} (${dryRun})`
      : `Rebase ${session} onto ${branch} (${dryRun})`,

  couldNotCheckBase: (session: string, branch: string, reason: string) =>
    `Could not check ${session}'s base against ${branch}: ${reason}; check manually`,
};

export const dryRun = {
  clean: 'dry run: clean',
  conflicts: (files: readonly string[]) => (files.length > 0 ? `dry run: conflicts in ${listPaths(files)}` : 'dry run: conflicts'),
  unknown: (reason: string) => `dry run could not run: ${reason}; check manually`,
};
