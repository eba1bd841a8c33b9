/** Exit code given to a git run that never started (missing folder, refused by simple-git's guards). */
export const GIT_DID_NOT_RUN = -1;

export interface GitFailure {
  args: readonly string[];
  cwd: string;
  exitCode: number;
  stderr: string;
  /** The operation that ran git, e.g. `snapshotTree`. */
  operation?: string;
}

/** Git exited with a code its caller did not expect; carries everything needed to rerun it by hand. */
export class GitError extends Error {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly exitCode: number;
  readonly stderr: string;
  readonly operation: string | undefined;

  constructor(failure: GitFailure) {
    const said = firstLine(failure.stderr) || 'git printed no error message';
    const how = failure.exitCode === GIT_DID_NOT_RUN ? 'could not run' : `failed with exit code ${failure.exitCode}`;
    const prefix = failure.operation ? `${failure.operation}: ` : '';
    super(`${prefix}\`git ${formatArgs(failure.args)}\` in ${failure.cwd} ${how}: ${said}`);
    this.name = 'GitError';
    this.args = failure.args;
    this.cwd = failure.cwd;
    this.exitCode = failure.exitCode;
    this.stderr = failure.stderr;
    this.operation = failure.operation;
  }
}

export type NotAGitRepositoryReason = 'missing' | 'not-a-repository' | 'bare';

export class NotAGitRepositoryError extends Error {
  constructor(
    readonly path: string,
    readonly reason: NotAGitRepositoryReason = 'not-a-repository',
  ) {
    const what = {
      missing: `There is no folder at ${path}: check the path.`,
      'not-a-repository': `${path} is not inside a git repository: pass the folder of a git checkout (or run \`git init\` there first).`,
      bare: `${path} is a bare git repository: Signalbox needs a repository with a working tree; pass the folder of a checkout.`,
    }[reason];
    super(what);
    this.name = 'NotAGitRepositoryError';
  }
}

export class UnknownRefError extends Error {
  constructor(
    readonly repo: string,
    readonly ref: string,
  ) {
    super(`"${ref}" does not name a commit in ${repo}: check the spelling, or fetch it first.`);
    this.name = 'UnknownRefError';
  }
}

export class BranchCheckedOutError extends Error {
  constructor(
    readonly branch: string,
    readonly worktreePath: string,
  ) {
    super(
      `Branch ${branch} is already checked out in ${worktreePath}; a branch can be checked out in one worktree only: choose another branch, or end the session using that worktree first.`,
    );
    this.name = 'BranchCheckedOutError';
  }
}

export class BranchExistsError extends Error {
  constructor(
    readonly repo: string,
    readonly branch: string,
  ) {
    super(`Branch ${branch} already exists in ${repo}: choose another branch name, or check out the existing branch instead.`);
    this.name = 'BranchExistsError';
  }
}

export class WorktreePathExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists: choose a new folder for the worktree, or move that one away first.`);
    this.name = 'WorktreePathExistsError';
  }
}

export class NoProtectedBranchError extends Error {
  constructor(readonly repo: string) {
    super(`${repo} has neither a main nor a master branch: pass --protected BRANCH to name the branch sessions merge into.`);
    this.name = 'NoProtectedBranchError';
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

function formatArgs(args: readonly string[]): string {
  return args.map((arg) => (/^[\w./:=@^~+-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
}
