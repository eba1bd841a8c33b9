import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GitError,
  NoProtectedBranchError,
  NotAGitRepositoryError,
  UnknownRefError,
  branchExists,
  commitsNotIn,
  deleteBranch,
  detectProtectedBranch,
  isAncestor,
  resolveRepository,
  revParse,
} from '../../../src/core/git';
import { makeRepo, makeTempDir, type RepoFixture, type TempDir } from '../../helpers/git-fixture';

const cleanups: Array<RepoFixture | TempDir> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fixture) => fixture.cleanup()));
});
async function repoWith(options?: Parameters<typeof makeRepo>[0]): Promise<RepoFixture> {
  const repo = await makeRepo(options);
  cleanups.push(repo);
  return repo;
}

describe('resolveRepository', () => {
  it('finds the top level and common git dir from a subfolder', async () => {
    const repo = await repoWith({ files: { 'src/deep/a.ts': 'a\n' } });
    const found = await resolveRepository(join(repo.root, 'src', 'deep'));
    expect(found).toEqual({ root: repo.root, commonDir: join(repo.root, '.git') });
  });

  it('works on a repository whose path has spaces and unicode', async () => {
    const repo = await repoWith({ folderName: 'my repo – ünï' });
    expect((await resolveRepository(repo.root)).root).toBe(repo.root);
  });

  it('answers the main worktree from inside a linked worktree', async () => {
    const repo = await repoWith();
    const linked = join(repo.dir, 'linked');
    await repo.run(['worktree', 'add', '--quiet', '-b', 'side', linked]);
    await mkdir(join(linked, 'sub'));
    expect(await resolveRepository(join(linked, 'sub'))).toEqual({ root: repo.root, commonDir: join(repo.root, '.git') });
  });

  it('refuses a folder that is not in a repository', async () => {
    const temp = await makeTempDir();
    cleanups.push(temp);
    const error = await resolveRepository(temp.dir).catch((e) => e);
    expect(error).toBeInstanceOf(NotAGitRepositoryError);
    expect(error).toMatchObject({ path: temp.dir, reason: 'not-a-repository', name: 'NotAGitRepositoryError' });
    expect(error.message).toContain('is not inside a git repository');
  });

  it('refuses a folder that does not exist, and a file', async () => {
    const temp = await makeTempDir();
    cleanups.push(temp);
    const missing = join(temp.dir, 'nope');
    await expect(resolveRepository(missing)).rejects.toMatchObject({ name: 'NotAGitRepositoryError', reason: 'missing' });
    await writeFile(join(temp.dir, 'file'), 'x');
    await expect(resolveRepository(join(temp.dir, 'file'))).rejects.toBeInstanceOf(NotAGitRepositoryError);
  });

  it('refuses a bare repository', async () => {
    const temp = await makeTempDir();
    cleanups.push(temp);
    const repo = await repoWith();
    const bare = join(temp.dir, 'bare.git');
    await repo.run(['clone', '--quiet', '--bare', repo.root, bare]);
    await expect(resolveRepository(bare)).rejects.toMatchObject({ name: 'NotAGitRepositoryError', reason: 'bare' });
  });
});

describe('detectProtectedBranch', () => {
  it('prefers main', async () => {
    const repo = await repoWith({ branch: 'main' });
    await repo.run(['branch', 'master']);
    expect(await detectProtectedBranch(repo.root)).toBe('main');
  });

  it('falls back to master', async () => {
    const repo = await repoWith({ branch: 'master' });
    await repo.run(['branch', 'main/feature']);
    expect(await detectProtectedBranch(repo.root)).toBe('master');
  });

  it('asks for --protected when there is neither', async () => {
    const repo = await repoWith({ branch: 'trunk' });
    const error = await detectProtectedBranch(repo.root).catch((e) => e);
    expect(error).toBeInstanceOf(NoProtectedBranchError);
    expect(error.message).toContain('--protected BRANCH');
  });
});

describe('revParse', () => {
  it('gives the full commit id of a ref, tag or abbreviation', async () => {
    const repo = await repoWith();
    const head = (await repo.run(['rev-parse', 'HEAD'])).trim();
    await repo.run(['tag', '-a', '-m', 'annotated', 'v1']);
    expect(await revParse(repo.root, 'main')).toBe(head);
    expect(await revParse(repo.root, 'v1')).toBe(head);
    expect(await revParse(repo.root, head.slice(0, 8))).toBe(head);
  });

  it('throws UnknownRefError for a name that is not a commit', async () => {
    const repo = await repoWith();
    const error = await revParse(repo.root, 'no-such-branch').catch((e) => e);
    expect(error).toBeInstanceOf(UnknownRefError);
    expect(error).toMatchObject({ repo: repo.root, ref: 'no-such-branch' });
    await expect(revParse(repo.root, '--all')).rejects.toBeInstanceOf(UnknownRefError);
  });
});

describe('ancestry and branches', () => {
  it('isAncestor answers both ways, is reflexive, and throws on an unknown ref', async () => {
    const repo = await repoWith();
    const first = (await repo.run(['rev-parse', 'HEAD'])).trim();
    const second = await repo.commit({ 'b.txt': 'b\n' });
    expect(await isAncestor(repo.root, first, second)).toBe(true);
    expect(await isAncestor(repo.root, second, first)).toBe(false);
    expect(await isAncestor(repo.root, second, second)).toBe(true);
    await expect(isAncestor(repo.root, 'nope', second)).rejects.toBeInstanceOf(GitError);
  });

  it('branchExists, deleteBranch and commitsNotIn', async () => {
    const repo = await repoWith();
    await repo.run(['checkout', '--quiet', '-b', 'feature']);
    await repo.commit({ 'f1.txt': '1' });
    await repo.commit({ 'f2.txt': '2' });
    await repo.run(['checkout', '--quiet', 'main']);
    expect(await branchExists(repo.root, 'feature')).toBe(true);
    expect(await branchExists(repo.root, 'feat')).toBe(false);
    expect(await commitsNotIn(repo.root, 'feature', 'main')).toBe(2);
    expect(await commitsNotIn(repo.root, 'main', 'feature')).toBe(0);
    await deleteBranch(repo.root, 'feature');
    expect(await branchExists(repo.root, 'feature')).toBe(false);
    await expect(deleteBranch(repo.root, 'feature')).rejects.toBeInstanceOf(GitError);
  });
});
