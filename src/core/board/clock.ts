import type { BoardDatabase } from '../db/connection';
import { prepared } from '../db/prepared';

/** Board times come from SQLite's clock so every writer agrees on order (DESIGN §2). */
export function boardNow(db: BoardDatabase): string {
  return (prepared(db, `SELECT strftime('%Y-%m-%dT%H:%M:%fZ','now') AS now`).get() as { now: string }).now;
}

/** Next value of a named monotonic counter (session numbers, lease fence tokens). */
export function nextCounter(db: BoardDatabase, name: string): number {
  const row = prepared(db, 
      `INSERT INTO counter (name, value) VALUES (?, 1)
       ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value`,
    )
    .get(name) as { value: number };
  return row.value;
}
