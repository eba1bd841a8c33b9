import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/api';
import { sessionUnder } from '../../../src/renderer/src/graph/drop-target';
import type { AppNode } from '../../../src/renderer/src/graph/graph-types';
import { contestedHolders, patternsToMove } from '../../../src/renderer/src/store/lease-transfer';
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
    data: { sessionId: id, title: id, owner: 'ada', agent: 'other', status: 'active', flags: [], blocker: null, lastCheckpointAt: null, pendingApprovals: 0, conflictKinds: [] },
  });
  const asset = (x: number, y: number): AppNode => ({
    id: 'asset:path:a.ts',
    type: 'asset',
    position: { x, y },
    data: { label: 'a.ts', paths: ['a.ts'], grouped: false, holders: [], contested: false, conflictKind: null },
  });
  const sessions = [sessionNode('s1', 0, 0), sessionNode('s2', 0, 200)];

  it.each([
    ['centre inside the second session', asset(20, 220), 's2'],
    ['centre inside the first', asset(0, 0), 's1'],
    ['between them', asset(0, 140), null],
  ])('%s', (_, dragged, target) => {
    expect(sessionUnder(dragged, sessions)).toBe(target);
  });

  it('only an asset is a hand-over', () => {
    expect(sessionUnder(sessionNode('s3', 0, 0), sessions)).toBeNull();
  });
});
