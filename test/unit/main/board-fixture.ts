import type { Approval, Board, Conflict, Session, SessionStatus } from '../../../src/shared/board';

export function session(id: string, status: SessionStatus, extra: Partial<Session> = {}): Session {
  return {
    id,
    title: `Session ${id}`,
    owner: 'lead',
    agent: 'claude-code',
    repo: 'r1',
    worktree: `/tmp/wt-${id}`,
    branch: `sb/${id}`,
    baseCommit: 'a'.repeat(40),
    objective: '',
    scope: [],
    forbidden: [],
    escalation: null,
    cadenceMinutes: null,
    priority: 0,
    status,
    flags: [],
    blocker: null,
    lastSync: null,
    lastCheckpoint: null,
    lastSuccessfulTest: null,
    createdAt: '2025-01-01T00:00:00Z',
    endedAt: null,
    updatedAt: '2025-01-01T00:00:00Z',
    updatedBy: 'lead',
    version: 1,
    ...extra,
  };
}

export function approval(id: string, sessionId: string, extra: Partial<Approval> = {}): Approval {
  return {
    id,
    session: sessionId,
    tier: 3,
    action: 'merge to main',
    detail: null,
    state: 'pending',
    requestedAt: '2025-01-01T00:00:00Z',
    decidedBy: null,
    decidedAt: null,
    why: null,
    version: 1,
    ...extra,
  };
}

export function conflict(id: string, extra: Partial<Conflict> = {}): Conflict {
  return {
    id,
    kind: 'hard-collision',
    sessions: ['s1', 's2'],
    paths: ['src/a.ts'],
    nextAction: 'stop the later writer',
    resolver: 'lead',
    state: 'open',
    detectedAt: '2025-01-01T00:00:00Z',
    version: 1,
    ...extra,
  };
}

export function board(parts: Partial<Board> = {}): Board {
  return { repos: [], sessions: [], tasks: [], leases: [], conflicts: [], approvals: [], queue: [], lastEventId: 0, ...parts };
}
