import { describe, expect, it } from 'vitest';
import { readHookPolicy } from '../../../src/core/agents/hook-policy';
import { sessionContract } from '../../../src/core/agents/session-contract';
import type { SessionDetail } from '../../../src/shared/api';
import type { Board, Lease, Session } from '../../../src/shared/board';

function session(id: string, extra: Partial<Session> = {}): Session {
  return {
    id, title: `Title ${id}`, owner: `owner-${id}`, agent: 'claude-code', repo: 'r1', worktree: `/wt/${id}`, branch: `signalbox/${id}`,
    baseCommit: 'abc', objective: '', scope: [], forbidden: [], escalation: null, cadenceMinutes: null, priority: 0, status: 'active',
    flags: [], blocker: null, lastSync: null, lastCheckpoint: null, lastSuccessfulTest: null, createdAt: 't', endedAt: null, updatedAt: 't',
    updatedBy: 'lead', version: 1, ...extra,
  };
}
const lease = (id: string, holder: string, pattern: string, mode: 'write' | 'read' = 'write', fence = 1): Lease => ({
  id, session: holder, pattern, mode, expiresAt: null, reason: null, fence, version: 1,
});

function board(sessions: Session[], leases: Lease[]): Board {
  return { repos: [], sessions, tasks: [], leases, conflicts: [], approvals: [], queue: [], lastEventId: 0 };
}

describe('sessionContract', () => {
  it('states objective, scope, forbidden paths, own leases and what others on the same repository hold', () => {
    const me = session('s2', { objective: 'Search orders', scope: ['src/**'], forbidden: ['config/**'], status: 'blocked', blocker: { text: 'needs keys', since: 't' } });
    const detail: SessionDetail = {
      session: me,
      leases: [lease('l5', 's2', 'src/search/**')],
      approvals: [{ id: 'a1', session: 's2', tier: 3, action: 'merge to main', detail: null, state: 'pending', requestedAt: 't', decidedBy: null, decidedAt: null, why: null, version: 1 }],
      conflicts: [],
      changedPaths: [],
      events: [],
    };
    const others = [session('s1'), session('s3', { repo: 'r2' }), session('s4', { endedAt: 't' })];
    const text = sessionContract(
      detail,
      board([me, ...others], [lease('l1', 's1', 'docs/**', 'read', 1), lease('l2', 's1', 'db/**', 'write', 2), lease('l3', 's3', 'x/**'), lease('l4', 's4', 'y/**'), lease('l5', 's2', 'src/search/**')]),
      readHookPolicy({}),
    );
    expect(text.split('\n')).toEqual([
      'Signalbox session s2 "Title s2" (owner owner-s2), branch signalbox/s2, worktree /wt/s2.',
      'Other agents work on this repository in parallel; Signalbox checks every file write so that nobody overwrites anybody.',
      'Objective: Search orders',
      'Scope: src/** — stay inside it; writes outside are flagged to you and the lead.',
      'Forbidden: config/** — writes there are refused.',
      'Your leases: write src/search/**.',
      'Held by other sessions — do not edit these; ask the lead for a hand-off (`signalbox reassign`) or work elsewhere:',
      '  - write db/** — session s1 "Title s1" (owner owner-s1)',
      '  - read docs/** — session s1 "Title s1" (owner owner-s1)',
      'Status: blocked — needs keys.',
      'Waiting for approval a1 (tier 3): merge to main.',
      expect.stringMatching(/^A write Signalbox refuses is denied before it happens/),
    ]);
  });

  it('says when the scope is strict and when nobody else holds anything', () => {
    const me = session('s1', { scope: ['test/**'] });
    const text = sessionContract({ session: me, leases: [], approvals: [], conflicts: [], changedPaths: [], events: [] }, board([me], []), readHookPolicy({ SIGNALBOX_STRICT_SCOPE: '1' }));
    expect(text).toContain('writes outside are refused.');
    expect(text).toContain('You hold no leases yet; your first write to a file leases it to this session.');
    expect(text).toContain('No other session holds a lease on this repository right now.');
  });
});
