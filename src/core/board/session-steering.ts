import type { SessionFields } from '../../shared/api';
import type { Session, SessionStatus } from '../../shared/board';
import { revParse } from '../git';
import type { BoardStore, WriteContext } from './board-store';
import { boardNow } from './clock';
import { expireApprovalsIfMovedOn } from './approvals';
import { BadInputError, RefusedError } from './errors';
import { normalisePatterns } from './session-lifecycle';
import { readSession } from './session-record';
import { getSessionRow } from './sessions';
import { updateVersioned } from './versioned-update';
import { prepared } from '../db/prepared';

type Columns = Record<string, string | number | null>;

/** Applies `columns` to a session at `expectVersion` (or the version read in this transaction). */
function changeSession(
  store: BoardStore,
  tx: WriteContext,
  id: string,
  expectVersion: number | undefined,
  columns: Columns,
  actor: string,
  kind: string,
): Session {
  const before = readSession(store, id);
  updateVersioned(tx.db, 'session', id, expectVersion ?? before.version, columns, actor);
  const after = readSession(store, id);
  tx.record({ actor, kind, subject: `session:${id}`, before, after });
  expireApprovalsIfMovedOn(tx, before, after, actor);
  return after;
}

function refuseIfEnded(session: Session, what: string): void {
  if (session.endedAt) {
    throw new RefusedError(`Session ${session.id} has ended; it cannot ${what}.`, 'Start a new session for new work.');
  }
}

/** What a session works under. The lead sets it; a session changing its own would weaken the interlocking. */
const CONTRACT_FIELDS = ['owner', 'scope', 'forbidden', 'escalation', 'cadenceMinutes', 'priority'] as const;

function refuseContractChangeBySession(id: string, fields: SessionFields, actor: string): void {
  if (!actor.startsWith('session:')) return;
  const touched = CONTRACT_FIELDS.filter((field) => fields[field] !== undefined);
  if (!touched.length) return;
  throw new RefusedError(
    `${actor} may not change the ${touched.join(', ')} of session ${id}: the session's contract is the lead's to set, so the lead must do it.`,
    'Ask the lead to change it; a session may change only its own title and objective.',
    { session: id, fields: touched },
  );
}

export function updateSession(
  store: BoardStore,
  input: { id: string; expectVersion: number; fields: SessionFields },
  actor: string,
): Session {
  const { fields } = input;
  refuseContractChangeBySession(input.id, fields, actor);
  const columns: Columns = {};
  if (fields.title !== undefined) {
    if (!fields.title.trim()) throw new BadInputError('A session title cannot be empty.', 'fields.title');
    columns.title = fields.title.trim();
  }
  if (fields.owner !== undefined) columns.owner = fields.owner;
  if (fields.objective !== undefined) columns.objective = fields.objective;
  if (fields.scope !== undefined) columns.scope = JSON.stringify(normalisePatterns(fields.scope, 'fields.scope'));
  if (fields.forbidden !== undefined) {
    columns.forbidden = JSON.stringify(normalisePatterns(fields.forbidden, 'fields.forbidden'));
  }
  if (fields.escalation !== undefined) columns.escalation = fields.escalation;
  if (fields.cadenceMinutes !== undefined) columns.cadence_minutes = fields.cadenceMinutes;
  if (fields.priority !== undefined) columns.priority = fields.priority;
  return store.write((tx) => changeSession(store, tx, input.id, input.expectVersion, columns, actor, 'session.updated'));
}

export function pauseSession(store: BoardStore, input: { id: string; expectVersion?: number }, actor: string): Session {
  return store.write((tx) => {
    const session = readSession(store, input.id);
    refuseIfEnded(session, 'be paused');
    if (session.status === 'paused') return session;
    return changeSession(store, tx, input.id, input.expectVersion, { status: 'paused' }, actor, 'session.paused');
  });
}

export function resumeSession(store: BoardStore, input: { id: string; expectVersion?: number }, actor: string): Session {
  return store.write((tx) => {
    const session = readSession(store, input.id);
    refuseIfEnded(session, 'resume');
    if (session.status !== 'paused') return session;
    const columns = { status: 'active', blocker_text: null, blocker_since: null };
    return changeSession(store, tx, input.id, input.expectVersion, columns, actor, 'session.resumed');
  });
}

export function setStatus(
  store: BoardStore,
  input: { session: string; status: SessionStatus; blocker?: string; expectVersion?: number },
  actor: string,
): Session {
  if (input.status === 'completed') {
    throw new BadInputError('A session is completed by ending it.', 'status', 'Run `signalbox session end ID`.');
  }
  if (input.blocker !== undefined && input.status !== 'blocked' && input.status !== 'awaiting-approval') {
    throw new BadInputError('--blocker goes with status blocked or awaiting-approval.', 'blocker');
  }
  return store.write((tx) => {
    const session = readSession(store, input.session);
    refuseIfEnded(session, 'change status');
    const blocked = input.status === 'blocked' || input.status === 'awaiting-approval';
    const blockerText = blocked ? (input.blocker ?? session.blocker?.text ?? input.status) : null;
    if (session.status === input.status && (session.blocker?.text ?? null) === blockerText) return session;
    const columns: Columns = {
      status: input.status,
      blocker_text: blockerText,
      blocker_since: blocked ? (session.blocker?.since ?? boardNow(tx.db)) : null,
    };
    return changeSession(store, tx, input.session, input.expectVersion, columns, actor, 'session.status');
  });
}

export async function recordCheckpoint(
  store: BoardStore,
  input: { session: string; note?: string; tests?: 'pass' | 'fail'; testCommand?: string; commit?: string },
  actor: string,
): Promise<Session> {
  const row = getSessionRow(store.db, input.session);
  const commit = input.commit ?? (await revParse(row.worktree, 'HEAD').catch(() => null));
  return store.write((tx) => {
    const session = readSession(store, input.session);
    refuseIfEnded(session, 'checkpoint');
    const now = boardNow(tx.db);
    const columns: Columns = { checkpoint_at: now, checkpoint_commit: commit, checkpoint_note: input.note ?? null };
    if (input.tests === 'pass') {
      Object.assign(columns, { test_at: now, test_commit: commit, test_command: input.testCommand ?? null });
    }
    return changeSession(store, tx, input.session, undefined, columns, actor, 'session.checkpoint');
  });
}

/**
 * Records that the coordinator has just heard from the session. An observation, not an edit:
 * it bumps no version, so a heartbeat never turns the lead's pending edit into a stale one.
 */
export function markSynced(store: BoardStore, session: string): void {
  getSessionRow(store.db, session);
  prepared(store.db, `UPDATE session SET last_sync = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(session);
}
