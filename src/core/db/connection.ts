import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type BoardDatabase = Database.Database;

export class DatabaseFromFutureError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The board at ${file} is schema version ${found}, newer than this Signalbox understands (${supported}). ` +
        'Upgrade Signalbox, or point --data at another folder.',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

/** Opens (creating if needed) the board database and brings it to the latest schema. */
export function openBoardDatabase(file: string, migrations: Migration[] = MIGRATIONS): BoardDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // NORMAL in WAL mode survives a crash of the process (kill -9); only power loss can drop
    // the last commits, which is the trade SQLite recommends for WAL.
    db.pragma('synchronous = NORMAL');
    migrate(db, file, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: BoardDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: BoardDatabase, file: string, migrations: Migration[]): void {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseFromFutureError(file, current, latest);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

export { LATEST_VERSION };
