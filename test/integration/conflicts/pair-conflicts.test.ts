import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conflictOf, makeConflictBoard, type ConflictBoard } from './conflict-fixture';

const LINES = 'line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n';

let board: ConflictBoard;
afterEach(() => board.cleanup());

describe('pairs of sessions on real worktrees', () => {
  it('reports a soft overlap when both sessions change a file and the merge is clean', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES, 'other.txt': 'other\n' });
    const one = await board.session('one', { owner: 'ana' });
    const two = await board.session('two', { owner: 'bo' });
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'line 1 from one') });
    await board.edit(two, { 'shared.txt': LINES.replace('line 8', 'line 8 from two'), 'new.txt': 'untracked\n' });
    await board.engine.start();

    const soft = conflictOf(board.conflicts(), 'soft-overlap', one, two);
    expect(soft).toMatchObject({
      sessions: [one.id, two.id],
      paths: ['shared.txt'],
      nextAction: `Watch: merge ${one.id} before ${two.id}`,
      resolver: 'bo',
      state: 'open',
    });
    expect(board.conflicts()).toHaveLength(1);
    expect(board.events('conflict.opened').map((event) => event.subject)).toEqual([`conflict:${soft!.id}`]);
    expect(board.events('conflict.opened')[0]!.after).toEqual(soft);
  });

  it('reports a hard collision on a textual conflict, and resolves it when the edit is reverted', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'shared.txt': LINES.replace('line 4', 'line 4 by one') });
    await board.edit(two, { 'shared.txt': LINES.replace('line 4', 'line 4 by two') });
    await board.engine.start();

    const hard = conflictOf(board.conflicts(), 'hard-collision', one, two)!;
    expect(hard).toMatchObject({ paths: ['shared.txt'], resolver: 'lead', state: 'open' });
    expect(hard.nextAction).toBe(
      `Stop ${two.id} editing shared.txt (conflicts with ${one.id}); merge ${one.id} first and rebase ${two.id}, or reassign the files`,
    );

    await board.edit(two, { 'shared.txt': LINES });
    await board.engine.refresh(two.id);
    expect(board.conflicts()).toEqual([]);
    const resolved = board.events('conflict.resolved');
    expect(resolved.map((event) => event.subject)).toEqual([`conflict:${hard.id}`]);
    expect(resolved[0]!.after).toMatchObject({ id: hard.id, state: 'resolved', version: hard.version + 1 });
    const row = board.store.db.prepare(`SELECT state, resolved_at FROM conflict WHERE id = ?`).get(hard.id) as { state: string; resolved_at: string };
    expect(row.state).toBe('resolved');
    expect(row.resolved_at).toMatch(/^\d{4}-/);
  });

  it('sees a rename in one session against an edit of the old name in the other (clean: soft overlap)', async () => {
    board = await makeConflictBoard({ 'src/old.ts': LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.repo.run(['mv', 'src/old.ts', 'src/new.ts'], one.worktree);
    await board.edit(two, { 'src/old.ts': LINES.replace('line 2', 'line 2 edited') });
    await board.engine.start();

    expect(conflictOf(board.conflicts(), 'soft-overlap', one, two)?.paths).toEqual(['src/old.ts']);
    expect(board.store.db.prepare(`SELECT path FROM changed_path WHERE session_id = ? ORDER BY path`).pluck().all(one.id)).toEqual([
      'src/new.ts',
      'src/old.ts',
    ]);
  });

  it('reports modify/delete as a hard collision', async () => {
    board = await makeConflictBoard({ 'doomed.txt': LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'doomed.txt': null });
    await board.edit(two, { 'doomed.txt': `${LINES}more\n` });
    await board.engine.start();
    expect(conflictOf(board.conflicts(), 'hard-collision', one, two)?.paths).toEqual(['doomed.txt']);
  });

  it('reports a file/directory conflict as a hard collision', async () => {
    board = await makeConflictBoard({ x: 'x is a file\n' });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { x: null });
    await board.edit(one, { 'x/inside.txt': 'x is a folder now\n' });
    await board.edit(two, { x: 'x is still a file, edited\n' });
    await board.engine.start();
    const hard = conflictOf(board.conflicts(), 'hard-collision', one, two);
    expect(hard?.paths).toEqual(['x']);
  });

  it('compares a new file in one session with a new directory of the same name in the other', async () => {
    board = await makeConflictBoard({ 'README.md': 'hi\n' });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'docs/x/guide.md': 'a folder x\n' });
    await board.edit(two, { 'docs/x': 'a file x\n' });
    await board.engine.start();
    expect(conflictOf(board.conflicts(), 'hard-collision', one, two)?.paths).toEqual(['docs/x']);
  });

  it('reports two different edits of a binary file as a hard collision', async () => {
    board = await makeConflictBoard({ 'logo.bin': Buffer.from([0, 1, 2, 3, 0, 255, 0]) });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'logo.bin': Buffer.from([0, 1, 2, 3, 0, 254, 0]) });
    await board.edit(two, { 'logo.bin': Buffer.from([0, 9, 2, 3, 0, 255, 0, 7]) });
    await board.engine.start();
    expect(conflictOf(board.conflicts(), 'hard-collision', one, two)?.paths).toEqual(['logo.bin']);
  });

  it('sees a mode-only change, which merges cleanly with a content edit', async () => {
    board = await makeConflictBoard({ 'run.sh': '#!/bin/sh\necho hi\n' });
    const one = await board.session('one');
    const two = await board.session('two');
    await chmod(join(one.worktree, 'run.sh'), 0o755);
    await board.edit(two, { 'run.sh': '#!/bin/sh\necho hello\n' });
    await board.engine.start();
    expect(conflictOf(board.conflicts(), 'soft-overlap', one, two)?.paths).toEqual(['run.sh']);
  });

  it('handles a file name with a newline and quotes', async () => {
    const name = 'odd "name"\nwith \'quotes\'.txt';
    board = await makeConflictBoard({ [name]: LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { [name]: 'one\n' });
    await board.edit(two, { [name]: 'two\n' });
    await board.engine.start();
    const hard = conflictOf(board.conflicts(), 'hard-collision', one, two)!;
    expect(hard.paths).toEqual([name]);
    expect(hard.nextAction).toContain(JSON.stringify(name));
  });

  it('compares through a held index.lock without touching it', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    const gitDir = (await board.repo.run(['rev-parse', '--absolute-git-dir'], one.worktree)).trim();
    await board.repo.write({ 'index.lock': 'held by an agent' }, gitDir);
    await board.edit(one, { 'shared.txt': LINES.replace('line 3', 'one') });
    await board.edit(two, { 'shared.txt': LINES.replace('line 3', 'two') });
    await board.engine.start();
    expect(conflictOf(board.conflicts(), 'hard-collision', one, two)).toBeDefined();
    expect(await readFile(join(gitDir, 'index.lock'), 'utf8')).toBe('held by an agent');
  });
});
