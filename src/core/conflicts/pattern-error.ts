/** A lease, scope or forbidden pattern that Signalbox will not store, and what to write instead. */
export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(`Pattern ${JSON.stringify(pattern)} refused: ${reason}. ${hint}`);
    this.name = 'PatternError';
  }
}

/** A concrete file path that cannot be turned into a repository-relative path. */
export class RepoPathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(`Path ${JSON.stringify(path)} refused: ${reason}. ${hint}`);
    this.name = 'RepoPathError';
  }
}

/** The path leaves the repository; `repoRoot` is undefined when a relative path climbed out with `..`. */
export class PathOutsideRepoError extends RepoPathError {
  constructor(
    path: string,
    readonly repoRoot: string | undefined,
  ) {
    super(
      path,
      repoRoot === undefined
        ? 'it climbs out of the repository with ..'
        : `it is outside the repository at ${repoRoot}`,
      'Give a path inside the repository: relative to its root, or absolute under it.',
    );
    this.name = 'PathOutsideRepoError';
  }
}
