import { afterEach, describe, expect, it } from 'vitest';
import { readSession } from '../../../src/core/board/session-record';
import { openBoardDatabase, schemaVersion } from '../../../src/core/db/connection';
import { LATEST_VERSION, MIGRATIONS } from '../../../src/core/db/migrations';
import { tempDir } from '../../helpers/signalbox-cli';
import { makeConflictBoard, type ConflictBoard } from './conflict-fixture';

let board: ConflictBoard | null = null;
afterEach(async () => {
  await board?.cleanup();
  board = null;
});

describe('base drift', () => {
  it('counts the commits main has past the session base, records it without a version bump, and says so once per change', async () => {
    board = await makeConflictBoard({ 'a.txt': 'a\n' });
    const one = await board.session('one');
    await board.engine.start();
    expect(readSession(board.store, one.id).baseBehind).toBe(0);

    for (const n of [1, 2, 3]) await board.repo.commit({ [`up${n}.txt`]: `${n}\n` }, `upstream ${n}`);
    await board.engine.refresh(one.id);
    const after = readSession(board.store, one.id);
    expect(after).toMatchObject({ baseBehind: 3, version: one.version });

    await board.engine.refresh(one.id);
    const drifts = board.events('session.drift').filter((e) => e.subject === `session:${one.id}`);
    expect(drifts.map((e) => (e.after as { baseBehind: number }).baseBehind)).toEqual([3]);
    expect(drifts[0]).toMatchObject({ actor: 'signalbox', after: { id: one.id, version: one.version } });
  });

  it('migration 40 gives an existing board a nullable count: unknown until the engine counts', () => {
    const dir = tempDir('signalbox-drift-');
    const file = `${dir.path}/board.sqlite`;
    const old = openBoardDatabase(file, MIGRATIONS.filter((m) => m.version < 40));
    old.close();
    const upgraded = openBoardDatabase(file);
    expect(schemaVersion(upgraded)).toBe(LATEST_VERSION);
    const columns = upgraded.prepare(`SELECT name, "notnull" FROM pragma_table_info('session') WHERE name = 'base_behind'`).all();
    expect(columns).toEqual([{ name: 'base_behind', notnull: 0 }]);
    upgraded.close();
    dir.remove();
  });
});
