import { existsSync } from 'node:fs';
import type { AgentKind, Session, SessionFlag, SessionStatus } from '../../shared/board';
import type { BoardDatabase } from '../db/connection';
import { NotFoundError } from './errors';
import { prepared } from '../db/prepared';

export interface SessionRow {
  id: string;
  title: string;
  owner: string;
  agent: string;
  repo_id: string;
  worktree: string;
  branch: string;
  base_commit: string;
  objective: string;
  scope: string;
  forbidden: string;
  escalation: string | null;
  cadence_minutes: number | null;
  priority: number;
  status: string;
  blocker_text: string | null;
  blocker_since: string | null;
  last_sync: string | null;
  checkpoint_at: string | null;
  checkpoint_commit: string | null;
  checkpoint_note: string | null;
  test_at: string | null;
  test_commit: string | null;
  test_command: string | null;
  /** Added by migration 40; a row built by hand may leave it out. */
  base_behind?: number | null;
  token_hash: string;
  created_at: string;
  ended_at: string | null;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** Facts outside the row that decide the derived flags. */
export interface FlagContext {
  now: number;
  staleSessions: ReadonlySet<string>;
}

export function sessionFlags(row: SessionRow, context: FlagContext): SessionFlag[] {
  const flags: SessionFlag[] = [];
  if (context.staleSessions.has(row.id)) flags.push('stale');
  if (isSilent(row, context.now)) flags.push('silent');
  if (!row.ended_at && !existsSync(row.worktree)) flags.push('worktree-missing');
  return flags;
}

/**
 * An active session whose checkpoint is overdue against its cadence. A session that says it waits
 * (blocked, awaiting approval, ready for review) or is paused is not silent: someone else owes the next move.
 */
export function isSilent(row: SessionRow, now: number): boolean {
  if (!row.cadence_minutes || row.ended_at) return false;
  if (row.status !== 'active') return false;
  const last = Date.parse(row.checkpoint_at ?? row.created_at);
  return now - last > row.cadence_minutes * 60_000;
}

export function toSession(row: SessionRow, context: FlagContext): Session {
  return {
    id: row.id,
    title: row.title,
    owner: row.owner,
    agent: row.agent as AgentKind,
    repo: row.repo_id,
    worktree: row.worktree,
    branch: row.branch,
    baseCommit: row.base_commit,
    objective: row.objective,
    scope: JSON.parse(row.scope) as string[],
    forbidden: JSON.parse(row.forbidden) as string[],
    escalation: row.escalation,
    cadenceMinutes: row.cadence_minutes,
    priority: row.priority,
    status: row.status as SessionStatus,
    flags: sessionFlags(row, context),
    blocker: row.blocker_text === null ? null : { text: row.blocker_text, since: row.blocker_since ?? row.updated_at },
    lastSync: row.last_sync,
    lastCheckpoint:
      row.checkpoint_at === null ? null : { at: row.checkpoint_at, commit: row.checkpoint_commit, note: row.checkpoint_note },
    lastSuccessfulTest:
      row.test_at === null ? null : { at: row.test_at, commit: row.test_commit, command: row.test_command },
    baseBehind: row.base_behind ?? null,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    version: row.version,
  };
}

export function findSessionRow(db: BoardDatabase, id: string): SessionRow | null {
  return (prepared(db, `SELECT * FROM session WHERE id = ?`).get(id) as SessionRow | undefined) ?? null;
}

export function getSessionRow(db: BoardDatabase, id: string): SessionRow {
  const row = findSessionRow(db, id);
  if (!row) throw new NotFoundError('session', id);
  return row;
}

export function sessionRowByTokenHash(db: BoardDatabase, tokenHash: string): SessionRow | null {
  return (prepared(db, `SELECT * FROM session WHERE token_hash = ?`).get(tokenHash) as SessionRow | undefined) ?? null;
}

export function listSessionRows(db: BoardDatabase, includeEnded: boolean): SessionRow[] {
  return prepared(db, `SELECT * FROM session ${includeEnded ? '' : 'WHERE ended_at IS NULL'} ORDER BY priority DESC, created_at`)
    .all() as SessionRow[];
}

export function sessionByWorktree(db: BoardDatabase, worktree: string): SessionRow | null {
  return (
    (prepared(db, `SELECT * FROM session WHERE worktree = ? AND ended_at IS NULL`).get(worktree) as SessionRow | undefined) ??
    null
  );
}

export interface NewSessionRow {
  id: string;
  title: string;
  owner: string;
  agent: AgentKind;
  repoId: string;
  worktree: string;
  branch: string;
  baseCommit: string;
  objective: string;
  scope: string[];
  forbidden: string[];
  escalation: string | null;
  cadenceMinutes: number | null;
  priority: number;
  tokenHash: string;
}

export function insertSession(db: BoardDatabase, s: NewSessionRow, actor: string): SessionRow {
  return prepared(db, 
      `INSERT INTO session (id, title, owner, agent, repo_id, worktree, branch, base_commit, objective, scope,
         forbidden, escalation, cadence_minutes, priority, token_hash, last_sync, updated_by)
       VALUES (@id, @title, @owner, @agent, @repoId, @worktree, @branch, @baseCommit, @objective, @scope,
         @forbidden, @escalation, @cadenceMinutes, @priority, @tokenHash, strftime('%Y-%m-%dT%H:%M:%fZ','now'), @actor)
       RETURNING *`,
    )
    .get({
      ...s,
      scope: JSON.stringify(s.scope),
      forbidden: JSON.stringify(s.forbidden),
      actor,
    }) as SessionRow;
}
