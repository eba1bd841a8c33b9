import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endSession } from '../../../src/core/board/session-lifecycle';
import { conflictOf, makeConflictBoard, type ConflictBoard } from './conflict-fixture';

const LINES = 'line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n';

let board: ConflictBoard;
afterEach(() => board.cleanup());

describe('the conflict engine', () => {
  it('runs merge-tree, on refresh, only for the refreshed session’s intersecting pairs', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES, 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    const one = await board.session('one');
    const two = await board.session('two');
    const three = await board.session('three');
    const four = await board.session('four');
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'one'), 'a.txt': 'a1\n' });
    await board.edit(two, { 'shared.txt': LINES.replace('line 8', 'two') });
    await board.edit(three, { 'b.txt': 'b3\n' });
    await board.edit(four, { 'c.txt': 'c4\n', 'shared.txt': LINES.replace('line 5', 'four') });
    await board.engine.start();
    // Three pairs intersect (one-two, one-four, two-four) out of six.
    expect(board.engine.stats.git.mergeTrees).toBe(3);

    const before = structuredClone(board.engine.stats);
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'one, again') });
    await board.engine.refresh(one.id);
    const stats = board.engine.stats;
    expect(stats.git.mergeTrees! - before.git.mergeTrees!).toBe(2);
    expect(stats.git.status! - before.git.status!).toBe(1);
    expect(stats.snapshots - before.snapshots).toBe(1);

    const quiet = structuredClone(board.engine.stats);
    await board.engine.refresh(three.id);
    expect(board.engine.stats.git.mergeTrees).toBe(quiet.git.mergeTrees);
    expect(board.engine.stats.snapshots).toBe(quiet.snapshots);
  });

  it('takes an unchanged pair’s merge-tree outcome from the cache', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'one') });
    await board.edit(two, { 'shared.txt': LINES.replace('line 8', 'two') });
    await board.engine.start();
    await board.engine.refresh(one.id);
    expect(board.engine.stats.git.mergeTrees).toBe(1);
    expect(board.engine.stats.mergeCacheHits).toBe(1);
  });

  it('updates a conflict in place when its paths change, and keeps a state the lead set', async () => {
    board = await makeConflictBoard({ 'a.txt': LINES, 'b.txt': LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'a.txt': LINES.replace('line 1', 'one') });
    await board.edit(two, { 'a.txt': LINES.replace('line 8', 'two') });
    await board.engine.start();
    const soft = conflictOf(board.conflicts(), 'soft-overlap', one, two)!;
    board.store.db.prepare(`UPDATE conflict SET state = 'merge-queued' WHERE id = ?`).run(soft.id);

    await board.edit(one, { 'b.txt': LINES.replace('line 1', 'one') });
    await board.engine.refresh(one.id);
    expect(board.events('conflict.updated')).toEqual([]);
    await board.edit(two, { 'b.txt': LINES.replace('line 8', 'two') });
    await board.engine.refresh(two.id);
    expect(board.conflicts()).toEqual([{ ...soft, paths: ['a.txt', 'b.txt'], state: 'merge-queued', version: 2 }]);
    const updated = board.events('conflict.updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]!.before).toMatchObject({ paths: ['a.txt'] });
    expect(updated[0]!.after).toMatchObject({ paths: ['a.txt', 'b.txt'] });
  });

  it('records each session’s changed set, with an event only when it changed', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n' });
    const one = await board.session('one');
    await board.edit(one, { 'a.txt': 'changed\n', 'new.txt': 'new\n' });
    await board.engine.start();
    const rows = () => board.store.db.prepare(`SELECT path FROM changed_path WHERE session_id = ? ORDER BY path`).pluck().all(one.id);
    expect(rows()).toEqual(['a.txt', 'new.txt']);
    expect(board.events('session.changes').map((event) => event.after)).toEqual([{ paths: ['a.txt', 'new.txt'] }]);

    await board.engine.refresh(one.id);
    expect(board.events('session.changes')).toHaveLength(1);

    await board.edit(one, { 'new.txt': null });
    await board.repo.run(['add', 'a.txt'], one.worktree);
    await board.repo.run(['commit', '--quiet', '--no-verify', '-m', 'one commits'], one.worktree);
    await board.engine.refresh(one.id);
    expect(rows()).toEqual(['a.txt']);
    expect(board.events('session.changes').at(-1)).toMatchObject({ subject: `session:${one.id}`, after: { paths: ['a.txt'] } });
  });

  it('reports a hard collision with the contract for a forbidden edit, and a soft one outside the scope', async () => {
    board = await makeConflictBoard({ 'src/a.ts': 'a\n', 'secrets/key.txt': 'k\n', 'docs/readme.md': 'r\n' });
    const one = await board.session('one', { owner: 'ana', scope: ['src/**'], forbidden: ['secrets/**'] });
    await board.edit(one, { 'src/a.ts': 'a2\n', 'secrets/key.txt': 'k2\n', 'docs/readme.md': 'r2\n' });
    await board.engine.start();
    expect(conflictOf(board.conflicts(), 'hard-collision', one)).toMatchObject({
      paths: ['secrets/key.txt'],
      resolver: 'lead',
      nextAction: `Stop ${one.id} editing secrets/key.txt (forbidden by its contract); revert them or change the contract`,
    });
    expect(conflictOf(board.conflicts(), 'soft-overlap', one)).toMatchObject({
      paths: ['docs/readme.md', 'secrets/key.txt'],
      resolver: 'ana',
    });
  });

  it('reacts to lease events: write meets write, a write into a lease, read meets write, release', async () => {
    board = await makeConflictBoard({ 'db/schema.sql': 'a\n', 'api/routes.ts': 'r\n' });
    const one = await board.session('one');
    const two = await board.session('two', { owner: 'bo' });
    await board.engine.start();

    let opened = board.nextEvent((event) => event.kind === 'conflict.opened');
    board.lease(one, 'db/**', 'write');
    board.lease(two, 'db/migrations/**', 'write');
    expect((await opened).after).toMatchObject({
      kind: 'hard-collision',
      sessions: [one.id, two.id],
      paths: ['db/**', 'db/migrations/**'],
      nextAction: `Stop ${two.id} writing db/migrations/**; reassign the lease or sequence the merges`,
    });

    opened = board.nextEvent((event) => event.kind === 'conflict.opened' && (event.after as { kind: string }).kind === 'soft-overlap');
    board.lease(one, 'api/**', 'read');
    board.lease(two, 'api/routes.ts', 'write');
    await board.edit(two, { 'db/schema.sql': 'changed by two\n' });
    await board.engine.refresh(two.id);
    const hard = conflictOf(board.conflicts(), 'hard-collision', one, two)!;
    expect(hard.nextAction).toBe(
      `Stop ${two.id} writing db/schema.sql (leased to ${one.id} as db/**); reassign the lease or sequence the merges`,
    );

    board.store.write((tx) => {
      const leases = tx.db.prepare(`DELETE FROM lease WHERE pattern LIKE 'db/%' RETURNING *`).all();
      tx.record({ actor: 'lead', kind: 'lease.released', subject: 'lease:all', before: leases.map((row) => ({ session: (row as { session_id: string }).session_id })) });
    });
    await board.edit(two, { 'db/schema.sql': 'a\n' });
    await board.engine.refresh(two.id);
    expect(board.conflicts().map((conflict) => conflict.kind)).toEqual(['soft-overlap']);
    expect(conflictOf(board.conflicts(), 'soft-overlap', one, two)).toMatchObject({
      paths: ['api/**', 'api/routes.ts'],
      resolver: 'bo',
    });
    await opened;
  });

  it('never reports a pair as clean when merge-tree fails: the lead must check', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'one') });
    await board.edit(two, { 'shared.txt': LINES.replace('line 8', 'two') });
    // merge-tree (and only it) refuses to run with this configuration.
    await board.repo.run(['config', 'merge.renames', 'not-a-boolean']);
    await board.engine.start();
    const unknown = conflictOf(board.conflicts(), 'hard-collision', one, two)!;
    expect(unknown.state).toBe('human-decision-required');
    expect(unknown.nextAction).toMatch(new RegExp(`^Could not compare ${one.id} and ${two.id}: git merge-tree failed \\(.*merge\\.renames.*\\); check manually$`));
    expect(board.engine.stats.unknowns).toBeGreaterThan(0);

    await board.repo.run(['config', '--unset', 'merge.renames']);
    await board.engine.refresh(one.id);
    expect(board.conflicts().map((conflict) => conflict.kind)).toEqual(['soft-overlap']);
  });

  it('skips a session whose worktree was deleted by hand, and keeps its last known conflicts', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES, 'a.txt': LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    const three = await board.session('three');
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'one') });
    await board.edit(two, { 'shared.txt': LINES.replace('line 1', 'two') });
    await board.engine.start();
    const hard = conflictOf(board.conflicts(), 'hard-collision', one, two)!;

    await rm(two.worktree, { recursive: true, force: true });
    await board.edit(three, { 'shared.txt': LINES.replace('line 8', 'three') });
    await board.engine.refresh(two.id);
    await board.engine.evaluateAll();
    expect(board.engine.stats.missingWorktrees).toBeGreaterThan(0);
    expect(conflictOf(board.conflicts(), 'hard-collision', one, two)).toEqual(hard);
    expect(conflictOf(board.conflicts(), 'soft-overlap', one, three)).toBeDefined();
  });

  it('resolves the conflicts of a session that ends, and is idle only once that sweep has run', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'one') });
    await board.edit(two, { 'shared.txt': LINES.replace('line 1', 'two') });
    await board.engine.start();
    expect(board.conflicts()).toHaveLength(1);
    const resolved = board.nextEvent((event) => event.kind === 'conflict.resolved');
    await endSession(board.store, board.repo.dir, { id: two.id }, 'lead');
    await board.engine.idle();
    expect(board.conflicts()).toEqual([]);
    await resolved;
  });

  it('coalesces a burst of refreshes into at most one running and one pending evaluation', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n' });
    const one = await board.session('one');
    await board.engine.start();
    const before = board.engine.stats.evaluations;
    await Promise.all(Array.from({ length: 10 }, () => board.engine.refresh(one.id)));
    expect(board.engine.stats.evaluations - before).toBeLessThanOrEqual(2);
  });
});

describe('the conflict engine, watching', () => {
  it('opens a conflict when a file is saved, and resolves it when the save is undone', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES }, { watch: true });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'shared.txt': LINES.replace('line 4', 'one') });
    await board.engine.start();
    expect(board.conflicts()).toEqual([]);

    const opened = board.nextEvent((event) => event.kind === 'conflict.opened');
    await board.edit(two, { 'shared.txt': LINES.replace('line 4', 'two') });
    expect((await opened).after).toMatchObject({ kind: 'hard-collision', sessions: [one.id, two.id], paths: ['shared.txt'] });

    const resolved = board.nextEvent((event) => event.kind === 'conflict.resolved');
    await board.edit(two, { 'shared.txt': LINES });
    await resolved;
    expect(board.conflicts()).toEqual([]);
  });

  it('watches new directories and new sessions', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n' }, { watch: true });
    const one = await board.session('one');
    await board.engine.start();
    const two = await board.session('two');
    await board.edit(one, { 'deep/new/dir/file.txt': 'one\n' });
    const opened = board.nextEvent((event) => event.kind === 'conflict.opened');
    await board.edit(two, { 'deep/new/dir/file.txt': 'two\n' });
    expect((await opened).after).toMatchObject({ kind: 'hard-collision', paths: ['deep/new/dir/file.txt'] });
  });

  it('sees the protected branch move and reports the stale base', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES }, { watch: true });
    const one = await board.session('one');
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'one') });
    await board.engine.start();
    const opened = board.nextEvent((event) => event.kind === 'conflict.opened');
    await board.repo.commit({ 'shared.txt': LINES.replace('line 8', 'upstream') }, 'upstream');
    expect((await opened).after).toMatchObject({ kind: 'stale-base', sessions: [one.id], paths: ['shared.txt'] });
  });

  it('keeps a pair’s merge outcome while its sessions edit, in place, files the other did not touch', async () => {
    board = await makeConflictBoard({ 'shared.txt': LINES, 'a.txt': LINES, 'b.txt': LINES }, { watch: true });
    const one = await board.session('one');
    const two = await board.session('two');
    await board.edit(one, { 'shared.txt': LINES.replace('line 1', 'one'), 'a.txt': 'a\n' });
    await board.edit(two, { 'shared.txt': LINES.replace('line 8', 'two') });
    await board.engine.start();
    const merges = () => board.engine.stats.git.mergeTrees ?? 0;
    expect(merges()).toBe(1);

    // The watcher reads the in-place edit; the pair's last outcome still holds.
    await board.edit(one, { 'a.txt': 'a, again\n' });
    await expect.poll(() => board.engine.stats.mergesReused, { timeout: 10_000, interval: 10 }).toBeGreaterThan(0);
    await board.engine.idle();
    expect(merges()).toBe(1);

    // A new file could be a rename of one the other session edited: compare again.
    const added = board.nextEvent((event) => event.kind === 'session.changes');
    await board.edit(one, { 'c.txt': 'new\n' });
    await added;
    expect(merges()).toBe(2);

    const updated = board.nextEvent((event) => event.kind === 'conflict.opened');
    await board.edit(one, { 'shared.txt': LINES.replace('line 8', 'one, too') });
    expect((await updated).after).toMatchObject({ kind: 'hard-collision', paths: ['shared.txt'] });
    expect(merges()).toBe(3);
  });

  it('scans again, in a full evaluation, only the worktrees no watcher vouches for', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n', 'b.txt': 'b\n' }, { watch: true });
    const one = await board.session('one');
    await board.session('two');
    await board.engine.start();
    const scans = () => board.engine.stats.git.status ?? 0;
    const reads = () => board.engine.stats.git.statusOfPaths ?? 0;
    expect(scans()).toBe(2);

    await board.engine.evaluateAll();
    expect([scans(), reads()]).toEqual([2, 0]);

    // The watcher reports the edit, and only that path is read.
    const heard = board.nextEvent((event) => event.kind === 'session.changes');
    await board.edit(one, { 'a.txt': 'changed\n' });
    await heard;
    await board.engine.evaluateAll();
    expect(scans()).toBe(2);
    expect(reads()).toBeGreaterThan(0);
    expect(board.store.db.prepare(`SELECT path FROM changed_path WHERE session_id = ?`).pluck().all(one.id)).toEqual(['a.txt']);
  });

  it('scans every worktree again once the watchers’ word is older than the rescan period', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n' }, { watch: true, rescanMs: 200 });
    await board.session('one');
    await board.engine.start();
    expect(board.engine.stats.git.status).toBe(1);
    await expect.poll(() => board.engine.stats.git.status, { timeout: 10_000, interval: 20 }).toBeGreaterThan(1);
  });

  it('reads every worktree of the repository again when its info/exclude changes', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n' }, { watch: true });
    const one = await board.session('one');
    await board.edit(one, { 'notes.txt': 'mine\n', 'a.txt': 'one\n' });
    await board.engine.start();
    expect(board.events('session.changes').at(-1)?.after).toEqual({ paths: ['a.txt', 'notes.txt'] });
    const changed = board.nextEvent((event) => event.kind === 'session.changes');
    await writeFile(join(board.repo.root, '.git', 'info', 'exclude'), 'notes.txt\n');
    expect((await changed).after).toEqual({ paths: ['a.txt'] });
  });

  it('sees a commit in a session’s worktree', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n' }, { watch: true });
    const one = await board.session('one');
    await board.edit(one, { 'a.txt': 'one\n' });
    await board.engine.start();
    const changed = board.nextEvent((event) => event.kind === 'session.changes');
    // a.txt is committed, then reverted on disk: only the commit (HEAD moving) keeps it in C(S).
    await board.repo.run(['commit', '--quiet', '--no-verify', '-am', 'one'], one.worktree);
    await board.edit(one, { 'b.txt': 'b\n' });
    expect((await changed).after).toEqual({ paths: ['a.txt', 'b.txt'] });
  });
});
