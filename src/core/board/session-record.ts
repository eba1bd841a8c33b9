import type { Session } from '../../shared/board';
import type { BoardStore } from './board-store';
import { getSessionRow, listSessionRows, toSession } from './sessions';

export function readSession(store: BoardStore, id: string): Session {
  return toSession(getSessionRow(store.db, id), store.flagContext());
}

export function readSessions(store: BoardStore, includeEnded = false): Session[] {
  const context = store.flagContext();
  return listSessionRows(store.db, includeEnded).map((row) => toSession(row, context));
}
