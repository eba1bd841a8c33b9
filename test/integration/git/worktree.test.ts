import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BranchCheckedOutError,
  BranchExistsError,
  GitError,
  UnknownRefError,
  WorktreePathExistsError,
  addWorktree,
  branchExists,
  listWorktrees,
  pruneWorktrees,
  removeWorktree,
  worktreeGitDir,
} from '../../../src/core/git';
import { makeRepo, type RepoFixture } from '../../helpers/git-fixture';

let repo: RepoFixture;
beforeEach(async () => {
  repo = await makeRepo({ files: { 'a.txt': 'a\n' } });
});
afterEach(() => repo.cleanup());

/** What a failed add must leave exactly as it was. */
async function footprint() {
  return {
    worktrees: await listWorktrees(repo.root),
    branches: await repo.run(['for-each-ref', '--format=%(refname)', 'refs/heads']),
    folder: (await readdir(repo.dir)).sort(),
    admin: existsSync(join(repo.root, '.git', 'worktrees')) ? (await readdir(join(repo.root, '.git', 'worktrees'))).sort() : [],
  };
}

describe('addWorktree', () => {
  it('creates a branch from base in a folder with spaces and unicode, and lists it', async () => {
    const base = (await repo.run(['rev-parse', 'HEAD'])).trim();
    await repo.commit({ 'later.txt': 'later\n' });
    const path = join(repo.dir, 'work trees', 'séance – 会话');
    await addWorktree(repo.root, { path, branch: 'session/one', base, createBranch: true });

    expect(await readFile(join(path, 'a.txt'), 'utf8')).toBe('a\n');
    expect(existsSync(join(path, 'later.txt'))).toBe(false);
    const listed = await listWorktrees(repo.root);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ path: repo.root, branch: 'main', bare: false, prunable: false });
    expect(listed[1]).toEqual({ path, head: base, branch: 'session/one', bare: false, prunable: false });
    // Started from a commit id, so the session branch follows nothing upstream.
    await expect(repo.run(['config', '--get', 'branch.session/one.merge'])).rejects.toThrow();
  });

  it('checks out an existing branch', async () => {
    await repo.run(['branch', 'existing']);
    const path = join(repo.dir, 'existing');
    await addWorktree(repo.root, { path, branch: 'existing', createBranch: false });
    expect((await listWorktrees(repo.root))[1]).toMatchObject({ path, branch: 'existing' });
  });

  it('refuses an unknown base and creates nothing', async () => {
    const before = await footprint();
    const path = join(repo.dir, 'wt');
    const error = await addWorktree(repo.root, { path, branch: 's', base: 'no-such-ref', createBranch: true }).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownRefError);
    expect(error.ref).toBe('no-such-ref');
    expect(await footprint()).toEqual(before);
  });

  it('refuses a branch checked out in another worktree, naming that worktree, and creates nothing', async () => {
    const first = join(repo.dir, 'first');
    await addWorktree(repo.root, { path: first, branch: 'taken', base: 'main', createBranch: true });
    const before = await footprint();

    const again = await addWorktree(repo.root, { path: join(repo.dir, 'second'), branch: 'taken', createBranch: false }).catch((e) => e);
    expect(again).toBeInstanceOf(BranchCheckedOutError);
    expect(again).toMatchObject({ branch: 'taken', worktreePath: first });
    expect(again.message).toContain(first);

    const main = await addWorktree(repo.root, { path: join(repo.dir, 'third'), branch: 'main', createBranch: false }).catch((e) => e);
    expect(main).toMatchObject({ name: 'BranchCheckedOutError', worktreePath: repo.root });
    expect(await footprint()).toEqual(before);
  });

  it('refuses to create a branch that already exists', async () => {
    await repo.run(['branch', 'exists']);
    const before = await footprint();
    const error = await addWorktree(repo.root, { path: join(repo.dir, 'wt'), branch: 'exists', base: 'main', createBranch: true }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(BranchExistsError);
    expect(await footprint()).toEqual(before);
  });

  it('refuses to check out a branch that does not exist', async () => {
    const error = await addWorktree(repo.root, { path: join(repo.dir, 'wt'), branch: 'ghost', createBranch: false }).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownRefError);
    expect(existsSync(join(repo.dir, 'wt'))).toBe(false);
  });

  it('refuses a path that exists, even an empty folder', async () => {
    const path = join(repo.dir, 'occupied');
    await mkdir(path);
    const error = await addWorktree(repo.root, { path, branch: 's', base: 'main', createBranch: true }).catch((e) => e);
    expect(error).toBeInstanceOf(WorktreePathExistsError);
    expect(error.path).toBe(path);
    expect(await branchExists(repo.root, 's')).toBe(false);
  });

  it('leaves nothing behind when git fails during checkout', async () => {
    // A required filter that fails makes the checkout fail after git has made the branch and folder.
    await repo.commit({ '.gitattributes': '*.bin filter=broken\n', 'x.bin': 'data\n' });
    await repo.run(['config', 'filter.broken.smudge', 'false']);
    await repo.run(['config', 'filter.broken.required', 'true']);
    const before = await footprint();

    const path = join(repo.dir, 'new', 'parents', 'wt');
    const error = await addWorktree(repo.root, { path, branch: 'half', base: 'main', createBranch: true }).catch((e) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error.args).toContain(path);
    expect(await footprint()).toEqual(before);
    expect(existsSync(join(repo.dir, 'new'))).toBe(false);
  });

  it('leaves nothing behind when the post-checkout hook fails', async () => {
    const hook = join(repo.root, '.git', 'hooks', 'post-checkout');
    await writeFile(hook, '#!/bin/sh\necho hook says no >&2\nexit 3\n');
    await chmod(hook, 0o755);
    const before = await footprint();

    const path = join(repo.dir, 'hooked');
    const error = await addWorktree(repo.root, { path, branch: 'hooked', base: 'main', createBranch: true }).catch((e) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error.stderr).toContain('hook says no');
    expect(await footprint()).toEqual(before);
  });
});

describe('removeWorktree, pruneWorktrees, worktreeGitDir', () => {
  it('refuses to remove a worktree with uncommitted work unless forced', async () => {
    const path = join(repo.dir, 'wt');
    await addWorktree(repo.root, { path, branch: 'w', base: 'main', createBranch: true });
    await writeFile(join(path, 'new.txt'), 'work\n');
    await expect(removeWorktree(repo.root, path, { force: false })).rejects.toBeInstanceOf(GitError);
    expect(existsSync(join(path, 'new.txt'))).toBe(true);
    await removeWorktree(repo.root, path, { force: true });
    expect(existsSync(path)).toBe(false);
    expect(await listWorktrees(repo.root)).toHaveLength(1);
  });

  it('prunes a worktree whose folder was deleted by hand', async () => {
    const path = join(repo.dir, 'gone');
    await addWorktree(repo.root, { path, branch: 'g', base: 'main', createBranch: true });
    await rm(path, { recursive: true });
    expect((await listWorktrees(repo.root))[1]).toMatchObject({ path, prunable: true });
    await pruneWorktrees(repo.root);
    expect(await listWorktrees(repo.root)).toHaveLength(1);
  });

  it('gives each worktree its own git dir', async () => {
    const path = join(repo.dir, 'wt ü');
    await addWorktree(repo.root, { path, branch: 'w', base: 'main', createBranch: true });
    expect(await worktreeGitDir(repo.root)).toBe(join(repo.root, '.git'));
    const own = await worktreeGitDir(path);
    expect(dirname(own)).toBe(join(repo.root, '.git', 'worktrees'));
    expect(await readFile(join(own, 'gitdir'), 'utf8')).toBe(`${join(path, '.git')}\n`);
  });
});
