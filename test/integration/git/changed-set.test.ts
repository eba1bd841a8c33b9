import { chmod, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitError, addWorktree, changedFiles } from '../../../src/core/git';
import { makeRepo, type RepoFixture } from '../../helpers/git-fixture';

let repo: RepoFixture;
let base: string;
beforeEach(async () => {
  repo = await makeRepo({
    files: {
      '.gitignore': 'build/\n',
      'committed/rename-me.txt': 'a file long enough that git sees the rename\n'.repeat(4),
      'staged/rename-me.txt': 'another file long enough to be seen as renamed\n'.repeat(4),
      'modify.txt': 'one\n',
      'delete.txt': 'bye\n',
      'script.sh': 'echo hi\n',
      'image.bin': Buffer.from([0, 1, 2, 3, 255, 0]),
      'untouched.txt': 'same\n',
    },
  });
  base = (await repo.run(['rev-parse', 'HEAD'])).trim();
});
afterEach(() => repo.cleanup());

describe('changedFiles', () => {
  it('is empty right after the base', async () => {
    expect(await changedFiles(repo.root, base)).toEqual([]);
  });

  it('collects committed, staged, unstaged and untracked changes, both names of renames', async () => {
    await rename(join(repo.root, 'committed/rename-me.txt'), join(repo.root, 'committed/renamed.txt'));
    await repo.commit({ 'delete.txt': null }, 'commit a rename and a delete');
    await rename(join(repo.root, 'staged/rename-me.txt'), join(repo.root, 'staged/renamed.txt'));
    await repo.run(['add', '--all', 'staged']);
    await repo.write({
      'modify.txt': 'two\n',
      'image.bin': Buffer.from([0, 9, 9, 9, 255, 0]),
      'new dir/untracked "quoted"\nline.txt': 'new\n',
      'ünïcode €.txt': 'u\n',
      'build/output.js': 'ignored\n',
    });
    await chmod(join(repo.root, 'script.sh'), 0o755);

    expect(await changedFiles(repo.root, base)).toEqual(
      [
        'committed/rename-me.txt',
        'committed/renamed.txt',
        'delete.txt',
        'image.bin',
        'modify.txt',
        'new dir/untracked "quoted"\nline.txt',
        'script.sh',
        'staged/rename-me.txt',
        'staged/renamed.txt',
        'ünïcode €.txt',
      ].sort(),
    );
  });

  it('includes a file changed since HEAD even when it is back to its base content', async () => {
    await repo.commit({ 'modify.txt': 'two\n' });
    await repo.write({ 'modify.txt': 'one\n' });
    expect(await changedFiles(repo.root, base)).toEqual(['modify.txt']);
  });

  it('works from a linked worktree against an older base', async () => {
    await repo.commit({ 'upstream.txt': 'later on main\n' });
    const path = join(repo.dir, 'session wt');
    await addWorktree(repo.root, { path, branch: 's', base, createBranch: true });
    await repo.commit({ 'mine.txt': 'x\n' }, 'work', path);
    await repo.write({ 'scratch.txt': 'y\n' }, path);
    expect(await changedFiles(path, base)).toEqual(['mine.txt', 'scratch.txt']);
  });

  it('throws a GitError for an unknown base', async () => {
    await expect(changedFiles(repo.root, 'no-such-base')).rejects.toBeInstanceOf(GitError);
  });
});
