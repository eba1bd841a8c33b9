import type { BoardEvent, Session } from '../../../shared/board';

/** One checkpoint a session recorded, as its audit event kept it. */
export interface CheckpointEntry {
  eventId: number;
  at: string;
  note: string | null;
  commit: string | null;
  /** The session reported its tests green with this checkpoint (the board keeps no red runs). */
  testsPassed: boolean;
  testCommand: string | null;
}

/** Every checkpoint among a session's events, newest first. */
export function checkpointHistory(events: readonly BoardEvent[]): CheckpointEntry[] {
  const entries: CheckpointEntry[] = [];
  for (const event of events) {
    if (event.kind !== 'session.checkpoint') continue;
    const after = event.after as Partial<Session> | null;
    const checkpoint = after?.lastCheckpoint;
    if (!checkpoint) continue;
    const test = after.lastSuccessfulTest;
    const testsPassed = test !== null && test !== undefined && test.at === checkpoint.at;
    entries.push({
      eventId: event.id,
      at: checkpoint.at,
      note: checkpoint.note,
      commit: checkpoint.commit,
      testsPassed,
      testCommand: testsPassed ? test.command : null,
    });
  }
  return entries.sort((a, b) => b.eventId - a.eventId);
}
