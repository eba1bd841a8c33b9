import { git, singleLine } from './run-git';

export interface CommitTreeInput {
  tree: string;
  parents: readonly string[];
  message: string;
  /** Author and committer; without it git's configured identity is used. */
  identity?: { name: string; email: string };
}

/** Writes a commit object for a tree without moving any ref. */
export async function commitTree(cwd: string, input: CommitTreeInput): Promise<string> {
  const env: Record<string, string> = input.identity
    ? {
        GIT_AUTHOR_NAME: input.identity.name,
        GIT_AUTHOR_EMAIL: input.identity.email,
        GIT_COMMITTER_NAME: input.identity.name,
        GIT_COMMITTER_EMAIL: input.identity.email,
      }
    : {};
  const parents = input.parents.flatMap((parent) => ['-p', parent]);
  // --no-gpg-sign: a configured commit.gpgSign would otherwise wait for a passphrase prompt.
  const { stdout } = await git(
    ['commit-tree', '--no-gpg-sign', ...parents, '-m', input.message, '--end-of-options', input.tree],
    cwd,
    { name: 'commitTree', env },
  );
  return singleLine(stdout);
}
