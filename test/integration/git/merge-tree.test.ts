import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitError, addWorktree, mergeTrees, snapshotCommit } from '../../../src/core/git';
import { makeRepo, type FileContents, type RepoFixture } from '../../helpers/git-fixture';

let repo: RepoFixture;
let base: string;
beforeEach(async () => {
  repo = await makeRepo({
    files: { 'shared.txt': 'line 1\nline 2\nline 3\n', 'doomed.txt': 'keep me?\n', 'other.txt': 'other\n', x: 'x is a file\n' },
  });
  base = (await repo.run(['rev-parse', 'HEAD'])).trim();
});
afterEach(() => repo.cleanup());

/** A commit on top of base with the given changes, on its own branch. */
async function side(name: string, files: FileContents): Promise<string> {
  await repo.run(['checkout', '--quiet', '-b', name, base]);
  const commit = await repo.commit(files, name);
  await repo.run(['checkout', '--quiet', 'main']);
  return commit;
}

describe('mergeTrees', () => {
  it('is clean when the sides touch different files, and gives the merged tree', async () => {
    const ours = await side('ours', { 'shared.txt': 'line 1 ours\nline 2\nline 3\n' });
    const theirs = await side('theirs', { 'other.txt': 'other theirs\n' });
    const result = await mergeTrees(repo.root, { ours, theirs });
    expect(result.clean).toBe(true);
    expect(await repo.run(['cat-file', 'blob', `${result.tree}:shared.txt`])).toBe('line 1 ours\nline 2\nline 3\n');
    expect(await repo.run(['cat-file', 'blob', `${result.tree}:other.txt`])).toBe('other theirs\n');
  });

  it('reports a content conflict', async () => {
    const ours = await side('ours', { 'shared.txt': 'line 1\nline 2 ours\nline 3\n' });
    const theirs = await side('theirs', { 'shared.txt': 'line 1\nline 2 theirs\nline 3\n' });
    const result = await mergeTrees(repo.root, { ours, theirs });
    expect(result).toMatchObject({ clean: false, conflictedPaths: ['shared.txt'] });
    if (result.clean) throw new Error('expected a conflict');
    expect(result.conflicts).toEqual([
      { kind: 'CONFLICT (contents)', paths: ['shared.txt'], message: 'CONFLICT (content): Merge conflict in shared.txt' },
    ]);
    expect(await repo.run(['cat-file', 'blob', `${result.tree}:shared.txt`])).toContain('<<<<<<<');
  });

  it('reports a modify/delete conflict', async () => {
    const ours = await side('ours', { 'doomed.txt': null });
    const theirs = await side('theirs', { 'doomed.txt': 'changed\n' });
    const result = await mergeTrees(repo.root, { ours, theirs });
    expect(result).toMatchObject({ clean: false, conflictedPaths: ['doomed.txt'] });
    if (result.clean) throw new Error('expected a conflict');
    expect(result.conflicts.map((c) => c.kind)).toEqual(['CONFLICT (modify/delete)']);
  });

  it('reports a file/directory conflict', async () => {
    const ours = await side('ours', { x: null, 'x/inside.txt': 'x is a folder now\n' });
    const theirs = await side('theirs', { x: 'x is still a file, edited\n' });
    const result = await mergeTrees(repo.root, { ours, theirs });
    expect(result.clean).toBe(false);
    if (result.clean) throw new Error('expected a conflict');
    expect(result.conflicts.map((c) => c.kind)).toContain('CONFLICT (file/directory)');
    expect(result.conflicts.flatMap((c) => c.paths)).toContain('x');
  });

  it('finds a conflict between two sessions’ uncommitted work through snapshot commits on their base', async () => {
    const one = join(repo.dir, 'one');
    const two = join(repo.dir, 'two');
    await addWorktree(repo.root, { path: one, branch: 'one', base, createBranch: true });
    await addWorktree(repo.root, { path: two, branch: 'two', base, createBranch: true });
    await repo.write({ 'shared.txt': 'line 1\nline 2 from one\nline 3\n' }, one);
    await repo.write({ 'shared.txt': 'line 1\nline 2 from two\nline 3\n', 'untracked.txt': 'new\n' }, two);
    const [ours, theirs] = await Promise.all([snapshotCommit(one, base, 'one'), snapshotCommit(two, base, 'two')]);
    expect(await mergeTrees(repo.root, { ours, theirs })).toMatchObject({ clean: false, conflictedPaths: ['shared.txt'] });
  });

  it('throws a GitError, never a result, when git cannot merge', async () => {
    const ours = await side('ours', { 'other.txt': 'changed\n' });
    const badId = await mergeTrees(repo.root, { ours, theirs: 'deadbeef'.repeat(5) }).catch((e) => e);
    expect(badId).toBeInstanceOf(GitError);
    expect(badId.exitCode).toBe(1);
    expect(badId.stderr).toContain('not something we can merge');

    const tree = (await repo.run(['rev-parse', 'HEAD^{tree}'])).trim();
    await expect(mergeTrees(repo.root, { ours, theirs: tree })).rejects.toBeInstanceOf(GitError);

    await repo.run(['checkout', '--quiet', '--orphan', 'unrelated']);
    const unrelated = await repo.commit({ 'alone.txt': 'alone\n' }, 'unrelated root');
    await expect(mergeTrees(repo.root, { ours, theirs: unrelated })).rejects.toBeInstanceOf(GitError);
  });
});
