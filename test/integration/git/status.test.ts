import { readFile, rename, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotAGitRepositoryError, GitError, worktreeState } from '../../../src/core/git';
import { makeRepo, makeTempDir, type RepoFixture } from '../../helpers/git-fixture';

let repo: RepoFixture;
beforeEach(async () => {
  repo = await makeRepo({ files: { 'keep.txt': 'keep\n', 'old name.txt': 'moving\n', 'edit.txt': 'one\n', '.gitignore': '*.log\n' } });
});
afterEach(() => repo.cleanup());

describe('worktreeState', () => {
  it('is clean on a fresh checkout, ignored files included', async () => {
    await repo.write({ 'debug.log': 'noise\n' });
    expect(await worktreeState(repo.root)).toEqual({ dirty: false, entries: [] });
  });

  it('lists staged, unstaged, renamed and untracked files', async () => {
    await rename(join(repo.root, 'old name.txt'), join(repo.root, 'new\nname "q".txt'));
    await repo.run(['add', '--all']);
    await repo.write({ 'edit.txt': 'two\n', 'sub/untracked ü.txt': 'u\n', 'debug.log': 'noise\n' });

    const state = await worktreeState(repo.root);
    expect(state.dirty).toBe(true);
    expect(state.entries).toEqual([
      { path: 'edit.txt', origPath: null, index: ' ', worktree: 'M' },
      { path: 'new\nname "q".txt', origPath: 'old name.txt', index: 'R', worktree: ' ' },
      { path: 'sub/untracked ü.txt', origPath: null, index: '?', worktree: '?' },
    ]);
  });

  it('counts an untracked file alone as dirty', async () => {
    await repo.write({ 'fresh.txt': 'x' });
    expect((await worktreeState(repo.root)).dirty).toBe(true);
  });

  it('never writes the index, so it cannot collide with an agent’s own git commands', async () => {
    const index = join(repo.root, '.git', 'index');
    const before = await readFile(index);
    // A newer mtime on an unchanged file makes a plain `git status` refresh and rewrite the index.
    const later = new Date(Date.now() + 5_000);
    await utimes(join(repo.root, 'keep.txt'), later, later);
    expect((await worktreeState(repo.root)).dirty).toBe(false);
    expect((await readFile(index)).equals(before)).toBe(true);
  });

  it('fails with a GitError outside a repository', async () => {
    const temp = await makeTempDir();
    try {
      const error = await worktreeState(temp.dir).catch((e) => e);
      expect(error).toBeInstanceOf(GitError);
      expect(error).not.toBeInstanceOf(NotAGitRepositoryError);
    } finally {
      await temp.cleanup();
    }
  });
});
