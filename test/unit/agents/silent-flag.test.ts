import { describe, expect, it } from 'vitest';
import { type SessionRow, sessionFlags } from '../../../src/core/board/sessions';
import { type SilenceKind, silenceTransitions } from '../../../src/core/board/silence-sweep';
import type { SessionStatus } from '../../../src/shared/board';

const HOUR = 3_600_000;

function row(status: SessionStatus, checkpointAgo: number | null, extra: Partial<SessionRow> = {}): SessionRow {
  const now = Date.parse('2025-01-01T12:00:00Z');
  return {
    id: 's1', title: 't', owner: 'o', agent: 'claude-code', repo_id: 'r1', worktree: process.cwd(), branch: 'b', base_commit: 'c',
    objective: '', scope: '[]', forbidden: '[]', escalation: null, cadence_minutes: 30, priority: 0, status,
    blocker_text: null, blocker_since: null, last_sync: null,
    checkpoint_at: checkpointAgo === null ? null : new Date(now - checkpointAgo).toISOString(), checkpoint_commit: null, checkpoint_note: null,
    test_at: null, test_commit: null, test_command: null, token_hash: 'h', created_at: new Date(now - 5 * HOUR).toISOString(),
    ended_at: null, updated_at: 't', updated_by: 'lead', version: 1, ...extra,
  };
}
const flags = (r: SessionRow) => sessionFlags(r, { now: Date.parse('2025-01-01T12:00:00Z'), staleSessions: new Set() });

describe('the silent flag', () => {
  it('marks an active session whose checkpoint is overdue, counting from its start when it never checkpointed', () => {
    expect(flags(row('active', 2 * HOUR))).toEqual(['silent']);
    expect(flags(row('active', null))).toEqual(['silent']);
    expect(flags(row('active', 10 * 60_000))).toEqual([]);
    expect(flags(row('active', 2 * HOUR, { cadence_minutes: null }))).toEqual([]);
  });

  it.each<SessionStatus>(['blocked', 'awaiting-approval', 'review-ready', 'paused'])('does not mark a %s session: it says what it waits on', (status) => {
    expect(flags(row(status, 2 * HOUR))).toEqual([]);
  });
});

describe('silence transitions', () => {
  const now = (entries: [string, boolean][]) => new Map(entries);
  const said = (entries: [string, SilenceKind][]) => new Map(entries);

  it.each<[string, Map<string, boolean>, Map<string, SilenceKind>, ReturnType<typeof silenceTransitions>]>([
    ['falls silent for the first time', now([['s1', true]]), said([]), [{ session: 's1', kind: 'session.silent' }]],
    ['still silent, already said', now([['s1', true]]), said([['s1', 'session.silent']]), []],
    ['heard again after a silence', now([['s1', false]]), said([['s1', 'session.silent']]), [{ session: 's1', kind: 'session.heard' }]],
    ['never silent: nothing to say', now([['s1', false]]), said([]), []],
    ['heard, and still heard', now([['s1', false]]), said([['s1', 'session.heard']]), []],
    ['silent again after being heard', now([['s1', true]]), said([['s1', 'session.heard']]), [{ session: 's1', kind: 'session.silent' }]],
    [
      'each session on its own',
      now([['s1', true], ['s2', false], ['s3', true]]),
      said([['s2', 'session.silent'], ['s3', 'session.silent']]),
      [{ session: 's1', kind: 'session.silent' }, { session: 's2', kind: 'session.heard' }],
    ],
  ])('%s', (_name, silentNow, lastSaid, expected) => {
    expect(silenceTransitions(silentNow, lastSaid)).toEqual(expected);
  });
});
