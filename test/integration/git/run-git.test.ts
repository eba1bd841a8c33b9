import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GIT_DID_NOT_RUN, GitError, git } from '../../../src/core/git';
import { makeRepo, type RepoFixture } from '../../helpers/git-fixture';

describe('git', () => {
  let repo: RepoFixture;
  afterEach(() => repo?.cleanup());

  it('keeps stdout raw, including the NUL terminators of -z output', async () => {
    repo = await makeRepo({ files: { 'a b.txt': 'x\n' } });
    const { stdout, exitCode } = await git(['ls-files', '-z'], repo.root);
    expect(exitCode).toBe(0);
    expect(stdout).toBe('a b.txt\0');
  });

  it('throws a GitError carrying the arguments, folder, exit code and stderr', async () => {
    repo = await makeRepo();
    const error = await git(['rev-parse', '--verify', 'no-such-ref'], repo.root, { name: 'probe' }).catch((e) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error).toMatchObject({ args: ['rev-parse', '--verify', 'no-such-ref'], cwd: repo.root, exitCode: 128, operation: 'probe' });
    expect(error.stderr).toContain('fatal: Needed a single revision');
    expect(error.message).toBe(
      `probe: \`git rev-parse --verify no-such-ref\` in ${repo.root} failed with exit code 128: fatal: Needed a single revision`,
    );
  });

  it('answers with the exit code when it is one the caller expects', async () => {
    repo = await makeRepo();
    const result = await git(['diff', '--quiet', '--exit-code'], repo.root, { okExitCodes: [0, 1] });
    expect(result.exitCode).toBe(0);
    await repo.write({ 'README.md': 'changed\n' });
    expect((await git(['diff', '--quiet', '--exit-code'], repo.root, { okExitCodes: [0, 1] })).exitCode).toBe(1);
  });

  it('reports a non-zero exit even when git prints nothing on stderr', async () => {
    repo = await makeRepo();
    await repo.write({ 'README.md': 'changed\n' });
    const error = await git(['diff', '--quiet'], repo.root).catch((e) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error.exitCode).toBe(1);
  });

  it('throws a GitError when the folder does not exist', async () => {
    repo = await makeRepo();
    const missing = join(repo.dir, 'missing');
    const error = await git(['status'], missing).catch((e) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error.exitCode).toBe(GIT_DID_NOT_RUN);
    expect(error.message).toContain(missing);
  });

  it('passes extra environment to git and ignores the caller’s own git environment', async () => {
    repo = await makeRepo();
    const before = process.env.GIT_DIR;
    process.env.GIT_DIR = join(repo.dir, 'elsewhere');
    try {
      const { stdout } = await git(['var', 'GIT_AUTHOR_IDENT'], repo.root, { env: { GIT_AUTHOR_NAME: 'Probe Person' } });
      expect(stdout).toMatch(/^Probe Person </);
    } finally {
      if (before === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = before;
    }
  });
});
