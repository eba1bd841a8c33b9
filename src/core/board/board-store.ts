import type { BoardEvent } from '../../shared/board';
import type { BoardDatabase } from '../db/connection';
import { appendEvent, type NewEvent } from './audit';
import type { FlagContext } from './sessions';
import { prepared } from '../db/prepared';

export interface WriteContext {
  db: BoardDatabase;
  /** Appends an audit event in the same transaction; it is published only after commit. */
  record(event: NewEvent): BoardEvent;
}

/**
 * The coordinator's one handle on the board: every write is an immediate transaction that
 * carries its audit events, and listeners (the event stream) hear them only once committed.
 */
export class BoardStore {
  private readonly listeners = new Set<(event: BoardEvent) => void>();

  constructor(readonly db: BoardDatabase) {}

  write<T>(fn: (tx: WriteContext) => T): T {
    const committed: BoardEvent[] = [];
    const result = this.db
      .transaction(() =>
        fn({
          db: this.db,
          record: (event) => {
            const appended = appendEvent(this.db, event);
            committed.push(appended);
            return appended;
          },
        }),
      )
      .immediate();
    for (const event of committed) for (const listener of this.listeners) listener(event);
    return result;
  }

  onEvent(listener: (event: BoardEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  flagContext(): FlagContext {
    const rows = prepared(this.db, `SELECT sessions FROM conflict WHERE kind = 'stale-base' AND state != 'resolved'`)
      .all() as { sessions: string }[];
    const staleSessions = new Set<string>();
    for (const row of rows) for (const id of JSON.parse(row.sessions) as string[]) staleSessions.add(id);
    return { now: Date.now(), staleSessions };
  }
}
