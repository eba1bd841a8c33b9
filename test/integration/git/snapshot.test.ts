import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addWorktree, snapshotCommit, snapshotTree, worktreeGitDir } from '../../../src/core/git';
import { makeRepo, type RepoFixture } from '../../helpers/git-fixture';

let repo: RepoFixture;
beforeEach(async () => {
  repo = await makeRepo({ files: { '.gitignore': '*.log\n', 'keep.txt': 'keep\n', 'edit.txt': 'one\n', 'gone.txt': 'bye\n' } });
});
afterEach(() => repo.cleanup());

async function treeFiles(tree: string, cwd = repo.root): Promise<Record<string, string>> {
  const names = (await repo.run(['ls-tree', '-r', '-z', '--name-only', tree], cwd)).split('\0').filter(Boolean);
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await repo.run(['cat-file', 'blob', `${tree}:${name}`], cwd);
  return files;
}

async function indexFingerprint(indexFile: string) {
  const [bytes, info] = await Promise.all([readFile(indexFile), stat(indexFile)]);
  return { bytes: bytes.toString('base64'), mtime: info.mtimeMs };
}

async function dirtyTheWorktree(cwd: string) {
  await repo.write({ 'staged.txt': 'staged\n' }, cwd);
  await repo.run(['add', 'staged.txt'], cwd);
  await repo.write({ 'edit.txt': 'two\n', 'gone.txt': null, 'new dir/untracked.txt': 'new\n', 'debug.log': 'ignored\n' }, cwd);
}

const EXPECTED = {
  '.gitignore': '*.log\n',
  'edit.txt': 'two\n',
  'keep.txt': 'keep\n',
  'new dir/untracked.txt': 'new\n',
  'staged.txt': 'staged\n',
};

describe('snapshotTree', () => {
  it('sees an edit of the same size made in the same second as the index was written (racy git)', async () => {
    // The index and the file share one second, so only the index's own time tells git to look at the content.
    const second = new Date(Math.floor(Date.now() / 1000 - 60) * 1000);
    await utimes(join(repo.root, 'edit.txt'), second, second);
    await repo.run(['add', 'edit.txt']);
    await writeFile(join(repo.root, 'edit.txt'), 'two\n');
    await utimes(join(repo.root, 'edit.txt'), second, second);
    await utimes(join(repo.root, '.git/index'), second, second);
    expect(await repo.run(['--no-optional-locks', 'status', '--porcelain', '--', 'edit.txt'])).toBe(' M edit.txt\n');
    expect((await treeFiles(await snapshotTree(repo.root)))['edit.txt']).toBe('two\n');
  });

  it('is the HEAD tree on a clean worktree', async () => {
    const headTree = (await repo.run(['rev-parse', 'HEAD^{tree}'])).trim();
    expect(await snapshotTree(repo.root)).toBe(headTree);
  });

  it('holds staged, unstaged and untracked work but not ignored files, and leaves the index alone', async () => {
    await dirtyTheWorktree(repo.root);
    const index = join(repo.root, '.git', 'index');
    const statusBefore = await repo.run(['--no-optional-locks', 'status', '--porcelain=v1', '-z']);
    const indexBefore = await indexFingerprint(index);

    const tree = await snapshotTree(repo.root);

    expect(await indexFingerprint(index)).toEqual(indexBefore);
    expect(await repo.run(['--no-optional-locks', 'status', '--porcelain=v1', '-z'])).toBe(statusBefore);
    expect(await treeFiles(tree)).toEqual(EXPECTED);
  });

  it('works while another process holds index.lock, and leaves the lock alone', async () => {
    await dirtyTheWorktree(repo.root);
    const lock = join(repo.root, '.git', 'index.lock');
    await writeFile(lock, 'held by an agent');
    expect(await treeFiles(await snapshotTree(repo.root))).toEqual(EXPECTED);
    expect(await readFile(lock, 'utf8')).toBe('held by an agent');
  });

  it('snapshots a linked worktree from its own index, even with that index locked', async () => {
    const path = join(repo.dir, 'linked wt');
    await addWorktree(repo.root, { path, branch: 'linked', base: 'main', createBranch: true });
    await dirtyTheWorktree(path);
    const gitDir = await worktreeGitDir(path);
    const indexBefore = await indexFingerprint(join(gitDir, 'index'));
    await writeFile(join(gitDir, 'index.lock'), '');

    expect(await treeFiles(await snapshotTree(path))).toEqual(EXPECTED);
    expect(await indexFingerprint(join(gitDir, 'index'))).toEqual(indexBefore);
    expect((await repo.run(['--no-optional-locks', 'status', '--porcelain'])).trim()).toBe('');
  });
});

describe('snapshotCommit', () => {
  it('commits the snapshot on the given parent under Signalbox’s name without moving any ref', async () => {
    const head = (await repo.run(['rev-parse', 'HEAD'])).trim();
    await dirtyTheWorktree(repo.root);
    const commit = await snapshotCommit(repo.root, head, 'snapshot of session s1');

    expect(await repo.run(['log', '-1', '--format=%P%n%an <%ae>%n%s', commit])).toBe(
      `${head}\nSignalbox <signalbox@localhost>\nsnapshot of session s1\n`,
    );
    expect(await treeFiles(commit)).toEqual(EXPECTED);
    expect((await repo.run(['rev-parse', 'HEAD'])).trim()).toBe(head);
  });
});
