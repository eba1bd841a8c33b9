import type { Approval, Board, Conflict, Lease, QueueEntry, Task } from '../../shared/board';
import type { BoardDatabase } from '../db/connection';
import { lastEventId } from './audit';
import type { BoardStore } from './board-store';
import { listRepos } from './repos';
import { readSessions } from './session-record';
import { prepared } from '../db/prepared';

/* Row shapes → records. Leases that have expired are filtered in the query itself. */

export interface LeaseRow {
  id: string;
  session_id: string;
  pattern: string;
  mode: 'write' | 'read';
  expires_at: string | null;
  reason: string | null;
  fence: number;
  version: number;
  updated_by: string;
  updated_at: string;
}

export function toLease(row: LeaseRow): Lease {
  return {
    id: row.id,
    session: row.session_id,
    pattern: row.pattern,
    mode: row.mode,
    expiresAt: row.expires_at,
    reason: row.reason,
    fence: row.fence,
    version: row.version,
  };
}

// The clock is read once per statement (an uncorrelated subquery), not once per lease row.
export const LIVE_LEASE = `(expires_at IS NULL OR expires_at > (SELECT strftime('%Y-%m-%dT%H:%M:%fZ','now')))`;

export function liveLeases(db: BoardDatabase, session?: string): Lease[] {
  const rows = session
    ? prepared(db, `SELECT * FROM lease WHERE session_id = ? AND ${LIVE_LEASE} ORDER BY fence`).all(session)
    : prepared(db, `SELECT * FROM lease WHERE ${LIVE_LEASE} ORDER BY fence`).all();
  return (rows as LeaseRow[]).map(toLease);
}

interface ConflictRow {
  id: string;
  kind: Conflict['kind'];
  sessions: string;
  paths: string;
  next_action: string;
  resolver: string;
  state: Conflict['state'];
  detected_at: string;
  version: number;
}

export function toConflict(row: ConflictRow): Conflict {
  return {
    id: row.id,
    kind: row.kind,
    sessions: JSON.parse(row.sessions) as string[],
    paths: JSON.parse(row.paths) as string[],
    nextAction: row.next_action,
    resolver: row.resolver,
    state: row.state,
    detectedAt: row.detected_at,
    version: row.version,
  };
}

export function openConflicts(db: BoardDatabase, session?: string): Conflict[] {
  const rows = prepared(db, `SELECT * FROM conflict WHERE state != 'resolved' ORDER BY detected_at`).all() as ConflictRow[];
  const conflicts = rows.map(toConflict);
  return session ? conflicts.filter((c) => c.sessions.includes(session)) : conflicts;
}

export interface ApprovalRow {
  id: string;
  session_id: string;
  tier: 2 | 3;
  action: string;
  detail: string | null;
  state: Approval['state'];
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  why: string | null;
  version: number;
}

export function toApproval(row: ApprovalRow): Approval {
  return {
    id: row.id,
    session: row.session_id,
    tier: row.tier,
    action: row.action,
    detail: row.detail,
    state: row.state,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    why: row.why,
    version: row.version,
  };
}

export function approvals(db: BoardDatabase, session?: string): Approval[] {
  const rows = session
    ? prepared(db, `SELECT * FROM approval WHERE session_id = ? ORDER BY requested_at`).all(session)
    : prepared(db, `SELECT * FROM approval ORDER BY requested_at`).all();
  return (rows as ApprovalRow[]).map(toApproval);
}

interface TaskRow {
  id: string;
  title: string;
  objective: string;
  session_id: string | null;
  status: Task['status'];
  version: number;
}

export function tasks(db: BoardDatabase): Task[] {
  const blockers = prepared(db, `SELECT task_id, blocked_by_id FROM task_dependency`).all() as {
    task_id: string;
    blocked_by_id: string;
  }[];
  return (prepared(db, `SELECT * FROM task ORDER BY created_at`).all() as TaskRow[]).map((row) => ({
    id: row.id,
    title: row.title,
    objective: row.objective,
    session: row.session_id,
    status: row.status,
    blockedBy: blockers.filter((b) => b.task_id === row.id).map((b) => b.blocked_by_id),
    version: row.version,
  }));
}

interface QueueRow {
  id: string;
  session_id: string;
  head_commit: string;
  state: QueueEntry['state'];
  gates: string;
  version: number;
}

export function queue(db: BoardDatabase): QueueEntry[] {
  return (prepared(db, `SELECT * FROM queue_entry ORDER BY created_at`).all() as QueueRow[]).map((row) => ({
    id: row.id,
    session: row.session_id,
    headCommit: row.head_commit,
    state: row.state,
    gates: JSON.parse(row.gates) as QueueEntry['gates'],
    version: row.version,
  }));
}

export function changedPaths(db: BoardDatabase, session: string): string[] {
  return prepared(db, `SELECT path FROM changed_path WHERE session_id = ? ORDER BY path`).pluck().all(session) as string[];
}

function changedPathsBySession(db: BoardDatabase): Record<string, string[]> {
  const rows = prepared(db, `SELECT session_id, path FROM changed_path ORDER BY session_id, path`).all() as { session_id: string; path: string }[];
  const bySession: Record<string, string[]> = {};
  for (const row of rows) (bySession[row.session_id] ??= []).push(row.path);
  return bySession;
}

/** The whole board, read in one transaction so it is one consistent snapshot. */
export function readBoard(store: BoardStore): Board {
  return store.db.transaction(() => ({
    repos: listRepos(store.db),
    sessions: readSessions(store, true),
    tasks: tasks(store.db),
    leases: liveLeases(store.db),
    conflicts: openConflicts(store.db),
    approvals: approvals(store.db),
    queue: queue(store.db),
    changedPaths: changedPathsBySession(store.db),
    lastEventId: lastEventId(store.db),
  }))();
}
