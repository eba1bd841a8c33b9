import type { BoardDatabase } from '../db/connection';
import { StaleVersionError } from './errors';
import { prepared } from '../db/prepared';

type Value = string | number | null;

/**
 * Compare-and-set update of a mutable row: applied only if the row is still at `expectVersion`.
 * Must run inside the caller's immediate transaction.
 */
export function updateVersioned(
  db: BoardDatabase,
  table: string,
  id: string,
  expectVersion: number,
  columns: Record<string, Value>,
  actor: string,
): void {
  const names = Object.keys(columns);
  const assignments = names.map((name) => `${name} = @${name}`).join(', ');
  const result = prepared(db, 
      `UPDATE ${table} SET ${assignments}${names.length ? ', ' : ''}version = version + 1,
         updated_by = @__actor, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
       WHERE id = @__id AND version = @__expect`,
    )
    .run({ ...columns, __actor: actor, __id: id, __expect: expectVersion });
  if (result.changes === 1) return;
  refuseStale(db, table, id, expectVersion);
  throw new Error(`${table} ${id} is at version ${expectVersion} yet was not updated`);
}

/** Throws the stale-version refusal, naming who changed the row last and when, unless it is still at `expectVersion`. */
export function refuseStale(db: BoardDatabase, table: string, id: string, expectVersion: number): void {
  const current = prepared(db, `SELECT version, updated_by, updated_at FROM ${table} WHERE id = ?`)
    .get(id) as { version: number; updated_by: string; updated_at: string } | undefined;
  if (!current) throw new Error(`${table} ${id} vanished during an update`);
  if (current.version === expectVersion) return;
  throw new StaleVersionError(`${table} ${id}`, expectVersion, current.version, current.updated_by, current.updated_at);
}
