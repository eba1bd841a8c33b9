import { afterEach, describe, expect, it } from 'vitest';
import { conflictOf, makeConflictBoard, type ConflictBoard } from './conflict-fixture';

const LINES = 'line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n';

let board: ConflictBoard;
afterEach(() => board.cleanup());

describe('stale base', () => {
  it('is reported when main changes a file the session changed, with a clean dry run', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES, 'elsewhere.txt': 'x\n' });
    const one = await board.session('one', { owner: 'ana' });
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'line 1 by one') });
    await board.engine.start();
    expect(board.conflicts()).toEqual([]);

    await board.repo.commit({ 'elsewhere.txt': 'y\n' }, 'unrelated upstream change');
    await board.engine.refresh(one.id);
    expect(board.conflicts()).toEqual([]);

    await board.repo.commit({ 'shared.txt': LINES.replace('line 8', 'line 8 upstream') }, 'upstream change');
    await board.engine.refresh(one.id);
    expect(conflictOf(board.conflicts(), 'stale-base', one)).toMatchObject({
      sessions: [one.id],
      paths: ['shared.txt'],
      nextAction: `Rebase ${one.id} onto main (dry run: clean)`,
      resolver: 'ana',
      state: 'open',
    });
    expect(board.store.flagContext().staleSessions.has(one.id)).toBe(true);
  });

  it('says when the dry run conflicts', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES });
    const one = await board.session('one');
    await board.edit(one, { 'shared.txt': LINES.replace('line 3', 'line 3 by one') });
    await board.repo.commit({ 'shared.txt': LINES.replace('line 3', 'line 3 upstream') }, 'upstream change');
    await board.engine.start();
    expect(conflictOf(board.conflicts(), 'stale-base', one)?.nextAction).toBe(
      `Rebase ${one.id} onto main (dry run: conflicts in shared.txt)`,
    );
  });

  it('counts a file under one of the session’s leases as touched, even unchanged by it', async () => {
    board = await makeConflictBoard({ 'db/schema.sql': 'create table a;\n' });
    const one = await board.session('one');
    await board.engine.start();
    board.lease(one, 'db/**', 'write');
    await board.repo.commit({ 'db/schema.sql': 'create table b;\n' }, 'upstream schema change');
    await board.engine.refresh(one.id);
    expect(conflictOf(board.conflicts(), 'stale-base', one)?.paths).toEqual(['db/schema.sql']);
  });

  it('is reported when main was force-moved so the base is no longer on it', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n' });
    await board.repo.commit({ 'b.txt': 'b\n' }, 'soon rewritten');
    const one = await board.session('one');
    await board.edit(one, { 'c.txt': 'c\n' });
    await board.engine.start();
    expect(board.conflicts()).toEqual([]);

    await board.repo.run(['reset', '--quiet', '--hard', 'HEAD~1']);
    await board.repo.commit({ 'd.txt': 'd\n' }, 'rewritten history');
    await board.engine.evaluateAll();
    const stale = conflictOf(board.conflicts(), 'stale-base', one)!;
    expect(stale.paths).toEqual([]);
    expect(stale.nextAction).toBe(
      `main was rewritten and no longer contains ${one.id}'s base: rebase ${one.id} onto main (dry run: clean)`,
    );
  });

  it('re-evaluates every session of the repository when main moves', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'a.txt': 'a by one\n' });
    await board.edit(two, { 'b.txt': 'b by two\n' });
    await board.engine.start();
    await board.repo.commit({ 'a.txt': 'a upstream\n', 'b.txt': 'b upstream\n' }, 'upstream');
    // A refresh of one finds main moved, and checks two's base as well.
    await board.engine.refresh(one.id);
    expect(conflictOf(board.conflicts(), 'stale-base', one)).toBeDefined();
    expect(conflictOf(board.conflicts(), 'stale-base', two)).toBeDefined();
  });
});
