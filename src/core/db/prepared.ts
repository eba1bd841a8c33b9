import type { Statement } from 'better-sqlite3';
import type { BoardDatabase } from './connection';

const caches = new WeakMap<BoardDatabase, Map<string, Statement>>();

/** A prepared statement, compiled once per connection: the board's hot paths run the same SQL thousands of times. */
export function prepared<P extends unknown[] | object = unknown[], R = unknown>(db: BoardDatabase, sql: string): Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement as unknown as Statement<P, R>;
}
