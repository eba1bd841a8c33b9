import type { BoardEvent } from '../../../shared/board';
import type { BoardIndex, BoardTable } from './board-index';

/** Subject prefixes (`session:s3`) whose `after` is a record the board holds. */
const TABLE_BY_SUBJECT: Record<string, BoardTable> = {
  repo: 'repos',
  session: 'sessions',
  task: 'tasks',
  lease: 'leases',
  conflict: 'conflicts',
  approval: 'approvals',
  queue: 'queue',
};

export interface EventOutcome {
  index: BoardIndex;
  /** Already applied (a replay after reconnect, or covered by the board we fetched). */
  duplicate: boolean;
  /** The event could not be applied exactly — unknown subject, odd record, or missed events. */
  needsRefetch: boolean;
}

/**
 * Applies one event to the board. Pure: returns a new index, never touches the one given.
 * Only an event about its own subject's record (`session.*` on `session:ID`) is applied directly;
 * anything else — `lease.released` on a session, a partial `after`, an unknown subject — asks for a
 * fresh board instead of guessing.
 */
export function applyEvent(index: BoardIndex, event: BoardEvent): EventOutcome {
  if (event.id <= index.lastEventId) return { index, duplicate: true, needsRefetch: false };
  const gap = event.id !== index.lastEventId + 1;
  const next: BoardIndex = { ...index, lastEventId: event.id };
  const subject = parseSubject(event.subject);
  // The conflict engine's new changed set for a session: not a record, but exactly what the graph needs.
  if (event.kind === 'session.changes' && subject?.type === 'session' && isPathList(event.after)) {
    const changedPaths = { ...index.changedPaths, [subject.id]: event.after.paths };
    return { index: { ...next, changedPaths }, duplicate: false, needsRefetch: gap };
  }
  const table = subject ? TABLE_BY_SUBJECT[subject.type] : undefined;
  const sameKind = subject !== null && event.kind.split('.')[0] === subject.type;
  if (!subject || !table || !sameKind) return { index: next, duplicate: false, needsRefetch: true };

  // The board lists live sessions only, so an ended one leaves it.
  const gone = event.after === null || (table === 'sessions' && isEnded(event.after));
  if (gone) {
    const rest = { ...index[table] };
    delete rest[subject.id];
    return { index: { ...next, [table]: rest }, duplicate: false, needsRefetch: gap };
  }
  if (!isRecordOf(event.after, subject.id)) return { index: next, duplicate: false, needsRefetch: true };
  return {
    index: { ...next, [table]: { ...index[table], [subject.id]: event.after } },
    duplicate: false,
    needsRefetch: gap,
  };
}

export function parseSubject(subject: string): { type: string; id: string } | null {
  const colon = subject.indexOf(':');
  if (colon <= 0 || colon === subject.length - 1) return null;
  return { type: subject.slice(0, colon), id: subject.slice(colon + 1) };
}

/** Does this event concern the session — its own row, or a record that belongs to it? */
export function eventTouchesSession(event: BoardEvent, sessionId: string): boolean {
  if (event.subject === `session:${sessionId}`) return true;
  return [event.before, event.after].some((record) => belongsTo(record, sessionId));
}

function belongsTo(record: unknown, sessionId: string): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const { session, sessions } = record as { session?: unknown; sessions?: unknown };
  return session === sessionId || (Array.isArray(sessions) && sessions.includes(sessionId));
}

function isPathList(value: unknown): value is { paths: string[] } {
  const paths = typeof value === 'object' && value !== null ? (value as { paths?: unknown }).paths : undefined;
  return Array.isArray(paths) && paths.every((p) => typeof p === 'string');
}

function isEnded(record: unknown): boolean {
  return typeof record === 'object' && record !== null && Boolean((record as { endedAt?: unknown }).endedAt);
}

function isRecordOf(value: unknown, id: string): value is { id: string } {
  return typeof value === 'object' && value !== null && (value as { id?: unknown }).id === id;
}
