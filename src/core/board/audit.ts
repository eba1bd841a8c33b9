import type { BoardEvent } from '../../shared/board';
import type { BoardDatabase } from '../db/connection';
import { prepared } from '../db/prepared';

interface EventRow {
  id: number;
  at: string;
  actor: string;
  kind: string;
  subject: string;
  before: string | null;
  after: string | null;
}

export interface NewEvent {
  actor: string;
  kind: string;
  subject: string;
  before?: unknown;
  after?: unknown;
}

function toEvent(row: EventRow): BoardEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    kind: row.kind,
    subject: row.subject,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
}

export function appendEvent(db: BoardDatabase, event: NewEvent): BoardEvent {
  const row = prepared<[string, string, string, string | null, string | null], EventRow>(db, 
      `INSERT INTO event (actor, kind, subject, before, after) VALUES (?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      event.actor,
      event.kind,
      event.subject,
      event.before === undefined || event.before === null ? null : JSON.stringify(event.before),
      event.after === undefined || event.after === null ? null : JSON.stringify(event.after),
    )!;
  return toEvent(row);
}

export function eventsSince(db: BoardDatabase, after: number, limit = 1000): BoardEvent[] {
  return prepared<[number, number], EventRow>(db, `SELECT * FROM event WHERE id > ? ORDER BY id LIMIT ?`)
    .all(after, limit)
    .map(toEvent);
}

export function eventsFor(db: BoardDatabase, subject: string, limit = 200): BoardEvent[] {
  return prepared<[string, number], EventRow>(db, 
      `SELECT * FROM (SELECT * FROM event WHERE subject = ? ORDER BY id DESC LIMIT ?) ORDER BY id`,
    )
    .all(subject, limit)
    .map(toEvent);
}

export function lastEventId(db: BoardDatabase): number {
  return (prepared(db, `SELECT coalesce(max(id), 0) AS id FROM event`).get() as { id: number }).id;
}
