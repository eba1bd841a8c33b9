import { describe, expect, it } from 'vitest';
import { checkpointHistory } from '../../../src/renderer/src/format/checkpoint-history';
import { event, session } from './fixtures';

const checkpoint = (id: number, at: string, note: string | null, passedAt: string | null) =>
  event(id, 'session.checkpoint', 'session:s1', session('s1', {
    lastCheckpoint: { at, commit: `c0mm17${id}`, note },
    lastSuccessfulTest: passedAt ? { at: passedAt, commit: `c0mm17${id}`, command: 'npm test' } : null,
  }));

describe('checkpointHistory', () => {
  it('lists every checkpoint newest first with its note, commit and whether its tests passed', () => {
    const events = [
      event(1, 'session.created', 'session:s1', session('s1')),
      checkpoint(2, 't2', 'schema drafted', null),
      event(3, 'session.status', 'session:s1', session('s1', { status: 'blocked' })),
      checkpoint(4, 't4', 'migration green', 't4'),
      // A later checkpoint without a test run still carries the earlier green run: it did not pass itself.
      checkpoint(5, 't5', null, 't4'),
    ];
    expect(checkpointHistory(events)).toEqual([
      { eventId: 5, at: 't5', note: null, commit: 'c0mm175', testsPassed: false, testCommand: null },
      { eventId: 4, at: 't4', note: 'migration green', commit: 'c0mm174', testsPassed: true, testCommand: 'npm test' },
      { eventId: 2, at: 't2', note: 'schema drafted', commit: 'c0mm172', testsPassed: false, testCommand: null },
    ]);
  });

  it('has nothing for a session that never checkpointed', () => {
    expect(checkpointHistory([event(1, 'session.created', 'session:s1', session('s1'))])).toEqual([]);
  });
});
