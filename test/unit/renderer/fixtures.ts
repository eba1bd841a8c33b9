import type { Approval, Board, BoardEvent, Conflict, Lease, Session, Task } from '../../../src/shared/board';

export function session(id: string, patch: Partial<Session> = {}): Session {
  return {
    id,
    title: `Session ${id}`,
    owner: 'ada',
    agent: 'claude-code',
    repo: 'r1',
    worktree: `/tmp/wt/${id}`,
    branch: `sb/${id}`,
    baseCommit: '0123456789abcdef',
    objective: '',
    scope: [],
    forbidden: [],
    escalation: null,
    cadenceMinutes: null,
    priority: 0,
    status: 'active',
    flags: [],
    blocker: null,
    lastSync: null,
    lastCheckpoint: null,
    lastSuccessfulTest: null,
    createdAt: '2025-01-01T10:00:00Z',
    endedAt: null,
    updatedAt: '2025-01-01T10:00:00Z',
    updatedBy: 'lead',
    version: 1,
    ...patch,
  };
}

export function lease(id: string, sessionId: string, pattern: string, mode: Lease['mode'] = 'write'): Lease {
  return { id, session: sessionId, pattern, mode, expiresAt: null, reason: null, fence: 1, version: 1 };
}

export function task(id: string, sessionId: string | null, patch: Partial<Task> = {}): Task {
  return { id, title: `Task ${id}`, objective: '', session: sessionId, status: 'doing', blockedBy: [], version: 1, ...patch };
}

export function conflict(id: string, kind: Conflict['kind'], sessions: string[], paths: string[], patch: Partial<Conflict> = {}): Conflict {
  return {
    id,
    kind,
    sessions,
    paths,
    nextAction: `act on ${id}`,
    resolver: 'lead',
    state: 'open',
    detectedAt: '2025-01-01T10:00:00Z',
    version: 1,
    ...patch,
  };
}

export function approval(id: string, sessionId: string, patch: Partial<Approval> = {}): Approval {
  return {
    id,
    session: sessionId,
    tier: 3,
    action: 'merge to main',
    detail: null,
    state: 'pending',
    requestedAt: '2025-01-01T10:00:00Z',
    decidedBy: null,
    decidedAt: null,
    why: null,
    version: 1,
    ...patch,
  };
}

export function board(patch: Partial<Board> = {}): Board {
  return { repos: [], sessions: [], tasks: [], leases: [], conflicts: [], approvals: [], queue: [], lastEventId: 0, ...patch };
}

export function event(id: number, kind: string, subject: string, after: unknown, before: unknown = null): BoardEvent {
  return { id, at: '2025-01-01T10:00:00Z', actor: 'lead', kind, subject, before, after };
}
