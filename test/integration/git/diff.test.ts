import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patchSince, snapshotTree } from '../../../src/core/git';
import { makeRepo, type RepoFixture } from '../../helpers/git-fixture';

let repo: RepoFixture;
let base: string;
const LATIN1 = Buffer.from('caf\xe9 cr\xe8me\n', 'latin1');

beforeEach(async () => {
  repo = await makeRepo({
    files: {
      '.gitignore': '*.log\n',
      'old place.txt': 'a file long enough for rename detection to notice it\n'.repeat(3),
      'modify.txt': 'one\n',
      'delete.txt': 'bye\n',
      'run.sh': 'echo hi\n',
      'latin1.txt': LATIN1,
      'blob.bin': Buffer.from([0, 1, 2, 3, 0, 255]),
    },
  });
  base = (await repo.run(['rev-parse', 'HEAD'])).trim();
});
afterEach(() => repo.cleanup());

describe('patchSince', () => {
  it('is empty when nothing changed', async () => {
    expect((await patchSince(repo.root, base)).length).toBe(0);
  });

  it('applies on a fresh checkout of base and recreates committed, staged, unstaged and untracked work', async () => {
    await rename(join(repo.root, 'old place.txt'), join(repo.root, 'new place.txt'));
    await repo.commit({ 'delete.txt': null, 'committed.txt': 'committed\n' }, 'session work');
    await repo.write({ 'staged.txt': 'staged\n' });
    await repo.run(['add', 'staged.txt']);
    await repo.write({
      'modify.txt': 'two\n',
      'latin1.txt': Buffer.concat([LATIN1, Buffer.from('na\xefve\n', 'latin1')]),
      'blob.bin': Buffer.from([9, 0, 9, 0, 255]),
      'untracked/new "file"\n.txt': 'untracked\n',
      'untracked/pic.bin': Buffer.from([0, 0, 7, 255]),
      'noise.log': 'ignored\n',
    });
    await chmod(join(repo.root, 'run.sh'), 0o755);

    const patch = await patchSince(repo.root, base);
    expect(patch).toBeInstanceOf(Buffer);
    expect(patch.includes('GIT binary patch')).toBe(true);

    const fresh = join(repo.dir, 'fresh checkout');
    await repo.run(['worktree', 'add', '--quiet', '--detach', fresh, base]);
    const patchFile = join(repo.dir, 'session.patch');
    await writeFile(patchFile, patch);
    await repo.run(['apply', '--whitespace=nowarn', patchFile], fresh);

    expect(await snapshotTree(fresh)).toBe(await snapshotTree(repo.root));
    expect(await readFile(join(fresh, 'untracked/new "file"\n.txt'), 'utf8')).toBe('untracked\n');
    expect((await readFile(join(fresh, 'latin1.txt'))).equals(await readFile(join(repo.root, 'latin1.txt')))).toBe(true);
  });
});
