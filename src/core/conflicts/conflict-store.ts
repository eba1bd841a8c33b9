import type { Conflict } from '../../shared/board';
import type { BoardStore, WriteContext } from '../board/board-store';
import { nextCounter } from '../board/clock';
import { toConflict } from '../board/records';
import { readSession } from '../board/session-record';
import type { DetectedConflict } from './classify';
import { scopeOfKey, type ConflictScope } from './conflict-key';

/** The actor of everything the engine writes. */
export const ENGINE_ACTOR = 'signalbox';

export interface ConflictReconciliation {
  /** Every conflict the evaluation found, in the scopes it covered. */
  detected: readonly DetectedConflict[];
  /** Whether the evaluation answered for a scope; open conflicts outside it are left as they are. */
  covers(scope: ConflictScope): boolean;
  /** C(S) of each session read from git in this evaluation. */
  changedSets: ReadonlyMap<string, readonly string[]>;
  /** Commits the protected branch has past each checked session's base (null: git could not say). */
  baseDrift?: ReadonlyMap<string, number | null>;
}

export interface ReconcileResult {
  opened: Conflict[];
  updated: Conflict[];
  resolved: Conflict[];
}

interface ConflictRow {
  id: string;
  key: string;
  kind: Conflict['kind'];
  sessions: string;
  paths: string;
  next_action: string;
  resolver: string;
  state: Conflict['state'];
  detected_at: string;
  version: number;
}

/** States the engine sets itself; any other was set by the lead's steering and is kept. */
const ENGINE_STATES: ReadonlySet<Conflict['state']> = new Set(['open', 'human-decision-required']);

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

/**
 * Brings the `conflict` and `changed_path` tables in line with one evaluation, in one transaction:
 * new conflicts are opened, changed ones updated, and those whose cause went away resolved.
 * Conflicts exist only between live sessions: those of an ended session are resolved here.
 */
export function reconcileConflicts(store: BoardStore, input: ConflictReconciliation): ReconcileResult {
  return store.write((tx) => {
    for (const [session, paths] of input.changedSets) writeChangedSet(tx, session, paths);
    for (const [session, behind] of input.baseDrift ?? []) writeBaseDrift(store, tx, session, behind);

    const result: ReconcileResult = { opened: [], updated: [], resolved: [] };
    // Liveness is read here, in the transaction: a session may have ended while git was running.
    const live = new Set(tx.db.prepare(`SELECT id FROM session WHERE ended_at IS NULL`).pluck().all() as string[]);
    const involvesEnded = (sessions: readonly string[]) => sessions.some((id) => !live.has(id));
    const open = new Map(
      (tx.db.prepare(`SELECT * FROM conflict WHERE state != 'resolved'`).all() as ConflictRow[]).map((row) => [row.key, row]),
    );
    const seen = new Set<string>();
    for (const conflict of input.detected) {
      if (seen.has(conflict.key) || involvesEnded(conflict.sessions)) continue;
      seen.add(conflict.key);
      const row = open.get(conflict.key);
      if (!row) result.opened.push(insertConflict(tx, conflict));
      else {
        const updated = updateConflict(tx, row, conflict);
        if (updated) result.updated.push(updated);
      }
    }
    for (const row of open.values()) {
      if (seen.has(row.key)) continue;
      const scope = scopeOfKey(row.key);
      const ended = involvesEnded(JSON.parse(row.sessions) as string[]);
      if (ended || (scope && input.covers(scope))) result.resolved.push(resolveConflict(tx, row));
    }
    return result;
  });
}

function insertConflict(tx: WriteContext, conflict: DetectedConflict): Conflict {
  const row = tx.db
    .prepare(
      `INSERT INTO conflict (id, key, kind, sessions, paths, next_action, resolver, state, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      `c${nextCounter(tx.db, 'conflict')}`,
      conflict.key,
      conflict.kind,
      JSON.stringify(conflict.sessions),
      JSON.stringify(conflict.paths),
      conflict.nextAction,
      conflict.resolver,
      conflict.state,
      ENGINE_ACTOR,
    ) as ConflictRow;
  const after = toConflict(row);
  tx.record({ actor: ENGINE_ACTOR, kind: 'conflict.opened', subject: `conflict:${after.id}`, after });
  return after;
}

/** Null when nothing the lead sees has changed. */
function updateConflict(tx: WriteContext, row: ConflictRow, conflict: DetectedConflict): Conflict | null {
  const paths = JSON.stringify(conflict.paths);
  const state = ENGINE_STATES.has(row.state) ? conflict.state : row.state;
  if (row.paths === paths && row.next_action === conflict.nextAction && row.resolver === conflict.resolver && row.state === state) {
    return null;
  }
  const updated = tx.db
    .prepare(
      `UPDATE conflict SET paths = ?, next_action = ?, resolver = ?, state = ?, version = version + 1,
         updated_by = ?, updated_at = ${NOW}
       WHERE id = ? RETURNING *`,
    )
    .get(paths, conflict.nextAction, conflict.resolver, state, ENGINE_ACTOR, row.id) as ConflictRow;
  const after = toConflict(updated);
  tx.record({ actor: ENGINE_ACTOR, kind: 'conflict.updated', subject: `conflict:${row.id}`, before: toConflict(row), after });
  return after;
}

function resolveConflict(tx: WriteContext, row: ConflictRow): Conflict {
  const resolved = tx.db
    .prepare(
      `UPDATE conflict SET state = 'resolved', resolved_at = ${NOW}, version = version + 1,
         updated_by = ?, updated_at = ${NOW}
       WHERE id = ? RETURNING *`,
    )
    .get(ENGINE_ACTOR, row.id) as ConflictRow;
  const after = toConflict(resolved);
  tx.record({ actor: ENGINE_ACTOR, kind: 'conflict.resolved', subject: `conflict:${row.id}`, before: toConflict(row), after });
  return after;
}

/** Replaces the session's rows when its set changed; `session.changes` says so. */
function writeChangedSet(tx: WriteContext, session: string, paths: readonly string[]): void {
  const stored = tx.db.prepare(`SELECT path FROM changed_path WHERE session_id = ?`).pluck().all(session) as string[];
  const next = new Set(paths);
  if (stored.length === next.size && stored.every((path) => next.has(path))) return;
  tx.db.prepare(`DELETE FROM changed_path WHERE session_id = ?`).run(session);
  const insert = tx.db.prepare(`INSERT INTO changed_path (session_id, path) VALUES (?, ?)`);
  for (const path of next) insert.run(session, path);
  tx.record({
    actor: ENGINE_ACTOR,
    kind: 'session.changes',
    subject: `session:${session}`,
    before: { paths: [...stored].sort() },
    after: { paths: [...next].sort() },
  });
}

/**
 * Records how far the protected branch has moved past a live session's base, when that changed.
 * An observation, not an edit: no version bump, so it never turns the lead's pending edit stale.
 * `session.drift` carries the whole session, so the control room updates it in place; a first
 * count of 0 is news to no one and is recorded silently.
 */
function writeBaseDrift(store: BoardStore, tx: WriteContext, session: string, behind: number | null): void {
  const row = tx.db.prepare(`SELECT base_behind FROM session WHERE id = ? AND ended_at IS NULL`).get(session) as
    | { base_behind: number | null }
    | undefined;
  if (!row || row.base_behind === behind) return;
  tx.db.prepare(`UPDATE session SET base_behind = ? WHERE id = ?`).run(behind, session);
  if (row.base_behind === null && behind === 0) return;
  tx.record({ actor: ENGINE_ACTOR, kind: 'session.drift', subject: `session:${session}`, after: readSession(store, session) });
}
