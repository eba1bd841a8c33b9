import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/api';
import { sessionUnder } from '../../../src/renderer/src/graph/drop-target';
import { handOverOfEdge, handOverOfNode } from '../../../src/renderer/src/graph/hand-over';
import type { AppNode } from '../../../src/renderer/src/graph/graph-types';
import { contestedHolders, patternsToMove, shownVersions } from '../../../src/renderer/src/store/lease-transfer';
import { lease } from './fixtures';

describe('patternsToMove', () => {
  const leases = [lease('l1', 's1', 'a/**'), lease('l2', 's2', 'a/**', 'read'), lease('l3', 's2', 'b.ts'), lease('l4', 's1', 'c.ts')];
  it.each([
    ['patterns someone else holds', ['a/**', 'c.ts'], 's2', ['a/**', 'c.ts']],
    ['not the ones only the target holds', ['b.ts'], 's2', []],
    ['a pattern the target shares with another holder still moves', ['a/**'], 's2', ['a/**']],
    ['unknown patterns are ignored', ['zzz'], 's1', []],
  ])('%s', (_, patterns, to, moving) => {
    expect(patternsToMove(leases, patterns, to)).toEqual(moving);
  });
});

describe('shownVersions', () => {
  const leases = [
    { ...lease('l1', 's1', 'a/**'), version: 3 },
    { ...lease('l2', 's2', 'a/**', 'read'), version: 7 },
    { ...lease('l3', 's2', 'b.ts'), version: 2 },
  ];
  it.each([
    ['one other holder: its lease and version', ['b.ts'], 's1', { 'b.ts': { lease: 'l3', version: 2 } }],
    ['two other holders: no one version', ['a/**'], 's3', {}],
    ['the target’s own lease does not count', ['a/**'], 's2', { 'a/**': { lease: 'l1', version: 3 } }],
    ['nothing to move: nothing', ['b.ts'], 's2', {}],
  ])('%s', (_, patterns, to, versions) => {
    expect(shownVersions(leases, patterns, to)).toEqual(versions);
  });
});

describe('contestedHolders', () => {
  it.each([
    ['the coordinator names them', new ApiError({ code: 'refused', message: 'x', details: { contested: ['s1', 's3'] } }), ['s1', 's3']],
    ['only the message says tier-3', new ApiError({ code: 'refused', message: 'that is a tier-3 ownership override.' }), []],
    ['another refusal', new ApiError({ code: 'refused', message: 'session s2 has ended' }), null],
    ['a stale version', new ApiError({ code: 'stale-version', message: 'tier-3' }), null],
    ['not an ApiError', new Error('tier-3'), null],
  ])('%s', (_, error, holders) => {
    expect(contestedHolders(error)).toEqual(holders);
  });
});

describe('sessionUnder', () => {
  const sessionNode = (id: string, x: number, y: number): AppNode => ({
    id: `session:${id}`,
    type: 'session',
    position: { x, y },
    data: { sessionId: id, title: id, owner: 'ada', agent: 'other', status: 'active', flags: [], blocker: null, lastCheckpointAt: null, lastTest: null, baseBehind: null, pendingApprovals: 0, conflictKinds: [] },
  });
  const asset = (x: number, y: number): AppNode => ({
    id: 'asset:path:a.ts',
    type: 'asset',
    position: { x, y },
    data: { label: 'a.ts', paths: ['a.ts'], grouped: false, holders: [], contested: false, changedBy: [], conflictKind: null },
  });
  const sessions = [sessionNode('s1', 0, 0), sessionNode('s2', 0, 200)];

  it.each([
    ['centre inside the second session', asset(20, 220), 's2'],
    ['centre inside the first', asset(0, 0), 's1'],
    ['between them', asset(0, 140), null],
  ])('%s', (_, dragged, target) => {
    expect(sessionUnder(dragged, sessions)).toBe(target);
  });

  it('an asset or a task is a hand-over; a session is not', () => {
    expect(sessionUnder(task(20, 220), sessions)).toBe('s2');
    expect(sessionUnder(sessionNode('s3', 0, 0), sessions)).toBeNull();
  });
});

const task = (x: number, y: number): AppNode => ({
  id: 'task:t1',
  type: 'task',
  position: { x, y },
  data: { taskId: 't1', title: 'Index', status: 'todo', blockedBy: [] },
});

describe('what a drag hands over', () => {
  it.each([
    [
      'a lease edge: its patterns and the leases drawn on them',
      { relation: 'lease' as const, session: 's1', patterns: ['a/**', 'b.ts'], drawn: [{ id: 'l1', pattern: 'a/**', session: 's1', version: 4 }] },
      { kind: 'leases', patterns: ['a/**', 'b.ts'], drawn: [{ id: 'l1', pattern: 'a/**', session: 's1', version: 4 }] },
    ],
    ['an ownership edge: its task', { relation: 'owns' as const, session: 's1', taskId: 't4' }, { kind: 'task', task: 't4' }],
    ['a conflict edge: nothing', { relation: 'conflict' as const, conflictId: 'c1' }, null],
    ['a lease edge without patterns: nothing', { relation: 'lease' as const, session: 's1', patterns: [] }, null],
  ])('%s', (_, edge, expected) => {
    expect(handOverOfEdge(edge)).toEqual(expected);
  });

  it('a task node moves its task, an asset node the leases on its paths, a session node nothing', () => {
    expect(handOverOfNode(task(0, 0))).toEqual({ kind: 'task', task: 't1' });
    const asset: AppNode = {
      id: 'asset:dir:src/',
      type: 'asset',
      position: { x: 0, y: 0 },
      data: { label: 'src/', paths: ['src/a.ts', 'src/b.ts'], grouped: true, holders: [], contested: false, changedBy: [], conflictKind: null },
    };
    expect(handOverOfNode(asset)).toEqual({ kind: 'leases', patterns: ['src/a.ts', 'src/b.ts'], drawn: [] });
    const session: AppNode = {
      id: 'session:s1',
      type: 'session',
      position: { x: 0, y: 0 },
      data: { sessionId: 's1', title: 's1', owner: 'ada', agent: 'other', status: 'active', flags: [], blocker: null, lastCheckpointAt: null, lastTest: null, baseBehind: null, pendingApprovals: 0, conflictKinds: [] },
    };
    expect(handOverOfNode(session)).toBeNull();
  });
});
