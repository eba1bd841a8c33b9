import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, openBoardDatabase, schemaVersion } from '../../../src/core/db/connection';
import { LATEST_VERSION, MIGRATIONS } from '../../../src/core/db/migrations';
import { tempDir } from '../../helpers/signalbox-cli';

const dirs: { remove(): void }[] = [];
function dbFile(): string {
  const dir = tempDir('signalbox-db-');
  dirs.push(dir);
  return `${dir.path}/board.sqlite`;
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('board database', () => {
  it('creates every table of the board at the latest version, in WAL with foreign keys on', () => {
    const db = openBoardDatabase(dbFile());
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    for (const table of ['repo', 'session', 'task', 'lease', 'conflict', 'approval', 'queue_entry', 'event']) {
      expect(tables).toContain(table);
    }
    db.close();
  });

  it('opens an existing board again without re-running migrations', () => {
    const file = dbFile();
    const first = openBoardDatabase(file);
    first.prepare(`INSERT INTO counter (name, value) VALUES ('x', 7)`).run();
    first.close();
    const again = openBoardDatabase(file);
    expect(again.prepare(`SELECT value FROM counter WHERE name = 'x'`).pluck().get()).toBe(7);
    again.close();
  });

  it('refuses a board written by a newer Signalbox and leaves it untouched', () => {
    const file = dbFile();
    const future = new Database(file);
    future.pragma(`user_version = ${LATEST_VERSION + 10}`);
    future.close();
    expect(() => openBoardDatabase(file)).toThrow(DatabaseFromFutureError);
    expect(() => openBoardDatabase(file)).toThrow(/newer than this Signalbox understands/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 10);
    check.close();
  });

  it('rolls back a failing migration entirely, version included', () => {
    const file = dbFile();
    const broken = [...MIGRATIONS, { version: LATEST_VERSION + 10, name: 'broken', sql: 'CREATE TABLE z (a); SELECT * FROM nowhere;' }];
    expect(() => openBoardDatabase(file, broken)).toThrow(/no such table/);
    const db = openBoardDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'z'`).pluck().get()).toBe(0);
    db.close();
  });

  it('50 gives existing leases version 1 and who last changed them, from the audit log', () => {
    const file = dbFile();
    const old = openBoardDatabase(file, MIGRATIONS.filter((m) => m.version < 50));
    old.exec(`
      INSERT INTO repo (id, path, protected_branch, worktree_root, updated_by) VALUES ('r1', '/r', 'main', '/w', 'lead');
      INSERT INTO session (id, title, owner, agent, repo_id, worktree, branch, base_commit, token_hash, updated_by)
        VALUES ('s1', 'T', 'ana', 'other', 'r1', '/w/s1', 'b', 'abc', 'h', 'lead');
      INSERT INTO lease (id, session_id, pattern, mode, fence, created_at) VALUES ('l1', 's1', 'src/**', 'write', 1, '2026-01-01T00:00:00.000Z');
      INSERT INTO lease (id, session_id, pattern, mode, fence, created_at) VALUES ('l2', 's1', 'docs/**', 'read', 2, '2026-01-02T00:00:00.000Z');
      INSERT INTO event (at, actor, kind, subject) VALUES ('2026-01-03T00:00:00.000Z', 'session:s1', 'lease.granted', 'lease:l1');
      INSERT INTO event (at, actor, kind, subject) VALUES ('2026-01-04T00:00:00.000Z', 'lead', 'lease.reassigned', 'lease:l1');
    `);
    old.close();
    const db = openBoardDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare(`SELECT id, version, updated_by, updated_at FROM lease ORDER BY id`).all()).toEqual([
      { id: 'l1', version: 1, updated_by: 'lead', updated_at: '2026-01-04T00:00:00.000Z' },
      { id: 'l2', version: 1, updated_by: 'unknown', updated_at: '2026-01-02T00:00:00.000Z' },
    ]);
    db.close();
  });

  it('keeps the audit log append-only', () => {
    const db = openBoardDatabase(dbFile());
    db.prepare(`INSERT INTO event (actor, kind, subject) VALUES ('lead', 'x', 'y')`).run();
    expect(() => db.prepare(`UPDATE event SET kind = 'z'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM event`).run()).toThrow(/append-only/);
    db.close();
  });
});
