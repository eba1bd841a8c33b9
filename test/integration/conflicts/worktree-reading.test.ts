import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addWorktree, changedFiles, snapshotTree } from '../../../src/core/git';
import { WorktreeChanges } from '../../../src/core/conflicts/worktree-changes';
import type { GitMeter } from '../../../src/core/conflicts/git-meter';
import { snapshotTreeOf, writeHeadIndex } from '../../../src/core/conflicts/worktree-snapshot';
import { makeRepo, type RepoFixture } from '../../helpers/git-fixture';

let repo: RepoFixture;
let base: string;
let worktree: string;
let scratch: string;

beforeEach(async () => {
  repo = await makeRepo({
    files: {
      'kept.txt': 'kept\n',
      'committed.txt': 'c\n',
      'reverted.txt': 'r\n',
      'staged.txt': 's\n',
      'unstaged.txt': 'u\n',
      'deleted.txt': 'd\n',
      'old name.txt': 'renamed\n',
      'src/moved.ts': 'moved\n',
      'mode.sh': 'echo\n',
    },
  });
  base = (await repo.run(['rev-parse', 'HEAD'])).trim();
  worktree = join(repo.dir, 'wt');
  await addWorktree(repo.root, { path: worktree, branch: 'work', base, createBranch: true });
  scratch = await mkdtemp(join(tmpdir(), 'signalbox-scratch-'));
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
  await repo.cleanup();
});

/** Every kind of change at once, committed and not. */
async function changeEverything(): Promise<void> {
  await repo.commit({ 'committed.txt': 'c2\n', 'reverted.txt': 'r2\n' }, 'work', worktree);
  await repo.write({ 'reverted.txt': 'r\n', 'unstaged.txt': 'u2\n', 'deleted.txt': null, 'untracked/dir/new.txt': 'n\n', 'line\nbreak "q".txt': 'q\n' }, worktree);
  await repo.write({ 'staged.txt': 's2\n' }, worktree);
  await repo.run(['add', 'staged.txt'], worktree);
  await repo.run(['mv', 'old name.txt', 'new name.txt'], worktree);
  await repo.run(['update-index', '--chmod=+x', 'mode.sh'], worktree);
  await repo.run(['rm', '--cached', '--quiet', 'src/moved.ts'], worktree);
}

describe('reading a worktree', () => {
  it('gives the same C(S) as changedFiles, in one scan', async () => {
    await changeEverything();
    const changes = new WorktreeChanges(worktree, base);
    await changes.read('full');
    expect(changes.changes).toEqual(await changedFiles(worktree, base));
    expect(changes.changes).toContain('reverted.txt');
    expect(changes.changes).toContain('line\nbreak "q".txt');
  });

  it('reads only the reported paths, and ends up where a full read would', async () => {
    const changes = new WorktreeChanges(worktree, base);
    await changes.read('full');
    expect(changes.changes).toEqual([]);
    const calls: string[] = [];
    await repo.write({ 'unstaged.txt': 'u2\n', 'fresh/a.txt': 'a\n' }, worktree);
    await changes.read(new Set(['unstaged.txt', 'fresh']), { started: (operation) => calls.push(operation) });
    expect(calls).toEqual(['statusOfPaths']);
    expect(changes.changes).toEqual(['fresh/a.txt', 'unstaged.txt']);

    await repo.write({ 'unstaged.txt': 'u\n' }, worktree);
    await changes.read(new Set(['unstaged.txt', 'kept.txt']));
    expect(changes.changes).toEqual(['fresh/a.txt']);
    expect(changes.changes).toEqual(await changedFiles(worktree, base));
  });

  it('reads everything when a .gitignore changed: files elsewhere become ignored or not', async () => {
    await repo.write({ 'notes/todo.txt': 't\n', 'scratch.log': 'l\n' }, worktree);
    const changes = new WorktreeChanges(worktree, base);
    await changes.read('full');
    expect(changes.changes).toEqual(['notes/todo.txt', 'scratch.log']);
    await repo.write({ '.gitignore': '*.log\nnotes/\n' }, worktree);
    const calls: string[] = [];
    await changes.read(new Set(['.gitignore']), { started: (operation) => calls.push(operation) });
    expect(calls).toEqual(['status']);
    expect(changes.changes).toEqual(['.gitignore']);
  });

  it('falls back to a full read when HEAD moved', async () => {
    const changes = new WorktreeChanges(worktree, base);
    await changes.read('full');
    await repo.commit({ 'committed.txt': 'c2\n' }, 'work', worktree);
    const calls: string[] = [];
    await changes.read(new Set(['kept.txt']), { started: (operation) => calls.push(operation) });
    expect(calls).toEqual(['statusOfPaths', 'status', 'filesBetween']);
    expect(changes.changes).toEqual(['committed.txt']);
  });
});

describe('snapshotting a worktree', () => {
  /** A snapshot as the engine takes one: from an index of HEAD, adding what status listed. */
  async function snapshotOf(changes: WorktreeChanges, meter?: GitMeter): Promise<string> {
    const headIndex = join(scratch, 'head.index');
    await writeHeadIndex(worktree, changes.head!, headIndex);
    return snapshotTreeOf({ worktree, scratchIndex: join(scratch, 'index'), lines: changes.statusLines, headIndex }, meter);
  }

  /** Reads the whole worktree, then snapshots it; with the git operations the snapshot took. */
  async function readAndSnapshot(): Promise<{ tree: string; calls: string[] }> {
    const changes = new WorktreeChanges(worktree, base);
    await changes.read('full');
    const calls: string[] = [];
    const tree = await snapshotOf(changes, { started: (operation) => calls.push(operation) });
    return { tree, calls };
  }

  it('builds the same tree as a full snapshot, adding only what status listed', async () => {
    await changeEverything();
    const { tree, calls } = await readAndSnapshot();
    // One add for the staged new file (forced: it is tracked even if ignored), one for the rest.
    expect(calls).toEqual(['add', 'add', 'write-tree']);
    expect(tree).toBe(await snapshotTree(worktree));
    // The real index is untouched: the staged rename is still only staged.
    expect(await repo.run(['diff', '--cached', '--name-only', '--no-renames'], worktree)).toContain('old name.txt');
  });

  it('builds the same tree from the worktree\'s own index when there is no HEAD index', async () => {
    await changeEverything();
    const changes = new WorktreeChanges(worktree, base);
    await changes.read('full');
    const tree = await snapshotTreeOf({ worktree, scratchIndex: join(scratch, 'index'), lines: changes.statusLines, headIndex: null });
    expect(tree).toBe(await snapshotTree(worktree));
  });

  it('takes an edit of the same size made in the same second as the index was written (racy git)', async () => {
    const second = new Date(Math.floor(Date.now() / 1000 - 60) * 1000);
    const file = join(worktree, 'unstaged.txt');
    await utimes(file, second, second);
    await repo.run(['add', 'unstaged.txt'], worktree);
    await repo.write({ 'unstaged.txt': 'v\n' }, worktree);
    await utimes(file, second, second);
    await utimes(join(repo.root, '.git/worktrees/wt/index'), second, second);
    const changes = new WorktreeChanges(worktree, base);
    await changes.read('full');
    expect(changes.changes).toEqual(['unstaged.txt']);
    for (const headIndex of [join(scratch, 'head.index'), null]) {
      if (headIndex) await writeHeadIndex(worktree, changes.head!, headIndex);
      const tree = await snapshotTreeOf({ worktree, scratchIndex: join(scratch, 'index'), lines: changes.statusLines, headIndex });
      expect(await repo.run(['cat-file', 'blob', `${tree}:unstaged.txt`])).toBe('v\n');
    }
  });

  it('takes edits, deletions and new files in one add', async () => {
    await repo.write({ 'unstaged.txt': 'u2\n', 'deleted.txt': null, 'fresh/new.txt': 'n\n' }, worktree);
    const { tree, calls } = await readAndSnapshot();
    expect(calls).toEqual(['add', 'write-tree']);
    expect(tree).toBe(await snapshotTree(worktree));
  });

  it('leaves out an ignored file unstaged with rm --cached, as the worktree does', async () => {
    await repo.write({ '.gitignore': 'kept.txt\n' }, worktree);
    await repo.run(['rm', '--cached', '--quiet', 'kept.txt'], worktree);
    const { tree, calls } = await readAndSnapshot();
    expect(calls).toEqual(['update-index', 'add', 'write-tree']);
    expect(tree).toBe(await snapshotTree(worktree));
    expect(await repo.run(['ls-tree', '-r', '--name-only', tree])).not.toContain('kept.txt');
  });

  it('needs no add when nothing differs from HEAD', async () => {
    const { tree, calls } = await readAndSnapshot();
    expect(calls).toEqual(['write-tree']);
    expect(tree).toBe(await snapshotTree(worktree));
  });

  it('keeps a staged file, and an ignored one forced into the index, and drops one staged then deleted', async () => {
    await repo.write({ '.gitignore': '*.log\n', 'forced.log': 'kept anyway\n', 'staged-then-gone.txt': 'g\n' }, worktree);
    await repo.run(['add', '--force', 'forced.log', 'staged-then-gone.txt'], worktree);
    await repo.write({ 'staged-then-gone.txt': null, 'staged.txt': 's2\n' }, worktree);
    await repo.run(['add', 'staged.txt'], worktree);
    const { tree, calls } = await readAndSnapshot();
    // One add for the staged new file (forced: it is tracked even if ignored), one for the rest.
    expect(calls).toEqual(['add', 'add', 'write-tree']);
    expect(tree).toBe(await snapshotTree(worktree));
    const files = await repo.run(['ls-tree', '-r', '--name-only', tree]);
    expect(files).toContain('forced.log');
    expect(files).toContain('.gitignore');
    expect(files).not.toContain('staged-then-gone.txt');
    expect(await repo.run(['cat-file', 'blob', `${tree}:staged.txt`])).toBe('s2\n');
  });

  it('leaves out an ignored file inside a directory that replaced a tracked file', async () => {
    await repo.write({ '.gitignore': '*.o\n', 'kept.txt': null, 'kept.txt/a.txt': 'a\n', 'kept.txt/b.o': 'object\n' }, worktree);
    const { tree } = await readAndSnapshot();
    expect(tree).toBe(await snapshotTree(worktree));
    const files = await repo.run(['ls-tree', '-r', '--name-only', tree]);
    expect(files).toContain('kept.txt/a.txt');
    expect(files).not.toContain('kept.txt/b.o');
  });

  it('still snapshots right when a listed file vanished since status ran', async () => {
    await repo.write({ 'untracked.txt': 'soon gone\n', 'unstaged.txt': 'u2\n' }, worktree);
    const changes = new WorktreeChanges(worktree, base);
    await changes.read('full');
    await repo.write({ 'untracked.txt': null }, worktree);
    expect(await snapshotOf(changes)).toBe(await snapshotTree(worktree));
  });
});
