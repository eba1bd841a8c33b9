import { describe, expect, it } from 'vitest';
import { formatAge } from '../../../src/renderer/src/format/age';
import { mergeActivity } from '../../../src/renderer/src/store/activity';
import { attentionCounts } from '../../../src/renderer/src/store/attention';
import { indexBoard } from '../../../src/renderer/src/store/board-index';
import { sortSessions } from '../../../src/renderer/src/store/session-sort';
import type { SortOrder } from '../../../src/renderer/src/store/view-state';
import { approval, board, conflict, event, session } from './fixtures';

const sessions = [
  session('s10', { title: 'beta', owner: 'zoe', status: 'active', priority: 1, lastCheckpoint: { at: '2025-01-01T09:00:00Z', commit: null, note: null } }),
  session('s2', { title: 'Alpha', owner: 'ada', status: 'blocked', priority: 3 }),
  session('s1', { title: 'gamma', owner: 'max', status: 'review-ready', priority: 2, lastCheckpoint: { at: '2025-01-01T11:00:00Z', commit: null, note: null } }),
];

describe('sortSessions', () => {
  const cases: [SortOrder, string[]][] = [
    [{ column: 'id', direction: 'asc' }, ['s1', 's2', 's10']],
    [{ column: 'id', direction: 'desc' }, ['s10', 's2', 's1']],
    [{ column: 'title', direction: 'asc' }, ['s2', 's10', 's1']],
    [{ column: 'owner', direction: 'asc' }, ['s2', 's1', 's10']],
    [{ column: 'status', direction: 'asc' }, ['s2', 's1', 's10']],
    [{ column: 'priority', direction: 'desc' }, ['s2', 's1', 's10']],
    [{ column: 'checkpoint', direction: 'asc' }, ['s2', 's10', 's1']],
    [{ column: 'conflicts', direction: 'desc' }, ['s10', 's1', 's2']],
  ];
  it.each(cases)('%o', (order, expected) => {
    expect(sortSessions(sessions, order, { s10: 2, s1: 1 }).map((s) => s.id)).toEqual(expected);
  });

  it('does not reorder its input', () => {
    sortSessions(sessions, { column: 'id', direction: 'asc' }, {});
    expect(sessions.map((s) => s.id)).toEqual(['s10', 's2', 's1']);
  });
});

describe('attentionCounts', () => {
  it('counts what needs the lead', () => {
    const counts = attentionCounts(
      indexBoard(
        board({
          sessions: [...sessions, session('s3', { status: 'awaiting-approval' }), session('s4', { status: 'blocked' })],
          approvals: [approval('a1', 's3'), approval('a2', 's3', { state: 'denied' })],
          conflicts: [conflict('c1', 'hard-collision', ['s1', 's2'], []), conflict('c2', 'soft-overlap', ['s1'], [], { state: 'resolved' })],
        }),
      ),
    );
    expect(counts).toEqual({ blocked: 2, awaitingApproval: 1, reviewReady: 1, pendingApprovals: 1, openConflicts: 1, hardCollisions: 1 });
  });
});

describe('formatAge', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  it.each([
    [null, 'never'],
    ['garbage', 'unknown'],
    ['2025-01-01T11:59:50Z', 'just now'],
    ['2025-01-01T11:55:00Z', '5m ago'],
    ['2025-01-01T09:00:00Z', '3h ago'],
    ['2024-12-29T12:00:00Z', '3d ago'],
  ])('%s → %s', (iso, text) => expect(formatAge(iso, now)).toBe(text));
});

describe('mergeActivity', () => {
  it('keeps newest first, once each, within the limit', () => {
    const old = [event(3, 'a.b', 'a:1', null), event(1, 'a.b', 'a:1', null)];
    const incoming = [event(5, 'a.b', 'a:1', null), event(4, 'a.b', 'a:1', null), event(3, 'a.b', 'a:1', null)];
    expect(mergeActivity(old, incoming, 3).map((e) => e.id)).toEqual([5, 4, 3]);
  });
});
