import { chmod, lstat, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorktree, snapshotTree } from '../../../src/core/git';
import { WorktreeChanges } from '../../../src/core/conflicts/worktree-changes';
import type { StatusLine } from '../../../src/core/conflicts/worktree-status';
import { snapshotTreeOf, writeHeadIndex } from '../../../src/core/conflicts/worktree-snapshot';
import { makeRepo, type RepoFixture } from '../../helpers/git-fixture';

/**
 * The engine's snapshot (HEAD's index plus the paths status listed) against the obvious one (a
 * copy of the worktree's own index, everything added): on any mix of edits, adds, deletes,
 * renames, staging, unstaging, forced adds, mode changes, symlinks, commits and files turned into folders, both must
 * be the same tree — else a hard collision could be missed or invented.
 */

const TRACKED = ['a.txt', 'b.txt', 'dir/c.txt', 'dir/d.txt', 'run.sh'];
// New names too: a nested one, ignored ones (by *.o and build/), and one no shell would like.
const NAMES = [...TRACKED, 'new.txt', 'dir/sub/e.txt', 'x.o', 'build/out.txt', 'line\nbreak "q".txt'];
// Same sizes on purpose: an edit within the second of the index write must still be seen (racy git).
const CONTENTS = ['v1\n', 'v2\n', 'a longer line\n', ''];

type Step =
  | { kind: 'write'; path: string; content: string }
  | { kind: 'delete'; path: string }
  | { kind: 'stage'; path: string }
  | { kind: 'force-add'; path: string }
  | { kind: 'unstage'; path: string }
  | { kind: 'move'; path: string; to: string }
  | { kind: 'chmod'; path: string }
  | { kind: 'to-folder'; path: string; content: string }
  | { kind: 'ignore'; pattern: string }
  | { kind: 'symlink'; path: string; to: string }
  | { kind: 'commit' };

const name = fc.constantFrom(...NAMES);
const content = fc.constantFrom(...CONTENTS);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('write' as const), path: name, content }), weight: 4 },
  fc.record({ kind: fc.constant('delete' as const), path: name }),
  fc.record({ kind: fc.constant('stage' as const), path: name }),
  fc.record({ kind: fc.constant('force-add' as const), path: name }),
  fc.record({ kind: fc.constant('unstage' as const), path: name }),
  fc.record({ kind: fc.constant('move' as const), path: name, to: name }),
  fc.record({ kind: fc.constant('chmod' as const), path: name }),
  fc.record({ kind: fc.constant('to-folder' as const), path: name, content }),
  fc.record({ kind: fc.constant('ignore' as const), pattern: fc.constantFrom('*.txt', 'dir/', 'new.txt') }),
  fc.record({ kind: fc.constant('symlink' as const), path: name, to: name }),
  fc.record({ kind: fc.constant('commit' as const) }),
);

let repo: RepoFixture;
let base: string;
let worktree: string;
let scratch: string;

beforeAll(async () => {
  repo = await makeRepo({
    files: {
      '.gitignore': '*.o\nbuild/\n',
      'a.txt': 'v1\n',
      'b.txt': 'v1\n',
      'dir/c.txt': 'v1\n',
      'dir/d.txt': 'v1\n',
      'run.sh': 'echo\n',
    },
  });
  base = (await repo.run(['rev-parse', 'HEAD'])).trim();
  worktree = join(repo.dir, 'wt');
  await addWorktree(repo.root, { path: worktree, branch: 'work', base, createBranch: true });
  scratch = await mkdtemp(join(tmpdir(), 'signalbox-snapshot-property-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await repo.cleanup();
});

/** Applies a step as an agent would; a step git refuses (nothing to stage, say) changes nothing. */
async function apply(step: Step): Promise<void> {
  const git = (args: string[]) => repo.run(args, worktree).catch(() => '');
  switch (step.kind) {
    case 'write':
      await rm(join(worktree, step.path), { recursive: true, force: true });
      return repo.write({ [step.path]: step.content }, worktree);
    case 'delete':
      return rm(join(worktree, step.path), { recursive: true, force: true });
    case 'stage':
      return void (await git(['add', '--', step.path]));
    case 'force-add':
      return void (await git(['add', '--force', '--', step.path]));
    case 'unstage':
      return void (await git(['rm', '--cached', '--quiet', '-r', '--', step.path]));
    case 'move':
      return void (await git(['mv', '--', step.path, step.to]));
    case 'chmod': {
      // chmod follows a symlink to its target, a change a watcher reports under the target's name: not this step's path.
      const found = await lstat(join(worktree, step.path)).catch(() => null);
      if (found?.isFile()) await chmod(join(worktree, step.path), 0o755);
      return;
    }
    case 'to-folder':
      await rm(join(worktree, step.path), { recursive: true, force: true });
      // The folder holds a file and an ignored one.
      return repo.write({ [`${step.path}/inner.txt`]: step.content, [`${step.path}/inner.o`]: step.content }, worktree);
    case 'ignore':
      return repo.write({ '.gitignore': `*.o\nbuild/\n${step.pattern}\n` }, worktree);
    case 'symlink':
      await rm(join(worktree, step.path), { recursive: true, force: true });
      await mkdir(dirname(join(worktree, step.path)), { recursive: true });
      return symlink(step.to, join(worktree, step.path));
    case 'commit':
      // What is staged becomes HEAD: the snapshot then starts from another commit than the base.
      return void (await git(['commit', '--quiet', '--no-verify', '--message', 'step']));
  }
}

describe('snapshots (property)', () => {
  it('the engine’s snapshot is the full snapshot’s tree, whatever the worktree went through', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        await repo.run(['reset', '--quiet', '--hard', base], worktree);
        await repo.run(['clean', '--quiet', '-f', '-d', '-x'], worktree);
        for (const each of steps) await apply(each);
        const changes = new WorktreeChanges(worktree, base);
        await changes.read('full');
        const headIndex = join(scratch, 'head.index');
        await writeHeadIndex(worktree, changes.head!, headIndex);
        const tree = await snapshotTreeOf({ worktree, scratchIndex: join(scratch, 'index'), lines: changes.statusLines, headIndex });
        expect(tree).toBe(await snapshotTree(worktree));
      }),
      { numRuns: 100 },
    );
  });

  it('a read of only the paths a watcher reported ends where a full read would', async () => {
    // Only what touches files: staging and commits rewrite the index or HEAD, which the engine
    // answers with a full read.
    const onDisk = step.filter((each) => ['write', 'delete', 'chmod', 'to-folder', 'symlink', 'ignore'].includes(each.kind));
    const touched = (each: Step): string => ('path' in each ? each.path : '.gitignore');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 4 }), fc.array(onDisk, { minLength: 1, maxLength: 4 }), async (before, after) => {
        await repo.run(['reset', '--quiet', '--hard', base], worktree);
        await repo.run(['clean', '--quiet', '-f', '-d', '-x'], worktree);
        for (const each of before) await apply(each);
        const changes = new WorktreeChanges(worktree, base);
        await changes.read('full');
        for (const each of after) await apply(each);
        await changes.read(new Set(after.map(touched)));
        const full = new WorktreeChanges(worktree, base);
        await full.read('full');
        expect(changes.changes).toEqual(full.changes);
        const byPath = (a: StatusLine, b: StatusLine) => a.path.localeCompare(b.path);
        expect(changes.statusLines.sort(byPath)).toEqual(full.statusLines.sort(byPath));
      }),
      { numRuns: 100 },
    );
  });
});
