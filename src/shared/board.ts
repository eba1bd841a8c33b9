/** Shapes of the board as every transport carries them (DESIGN §2, §8). Plain data only. */

export const SESSION_STATUSES = [
  'active',
  'blocked',
  'awaiting-approval',
  'review-ready',
  'completed',
  'paused',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Derived on read, never stored: stale base, overdue checkpoint, worktree deleted by hand. */
export type SessionFlag = 'stale' | 'silent' | 'worktree-missing';

export const AGENT_KINDS = ['claude-code', 'codex', 'other'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

export interface Repo {
  id: string;
  path: string;
  protectedBranch: string;
  worktreeRoot: string;
  gateCommand: string | null;
  version: number;
}

export interface Checkpoint {
  at: string;
  commit: string | null;
  note: string | null;
}

export interface TestRun {
  at: string;
  commit: string | null;
  command: string | null;
}

export interface Session {
  id: string;
  title: string;
  owner: string;
  agent: AgentKind;
  repo: string;
  worktree: string;
  branch: string;
  baseCommit: string;
  objective: string;
  scope: string[];
  forbidden: string[];
  escalation: string | null;
  cadenceMinutes: number | null;
  priority: number;
  status: SessionStatus;
  flags: SessionFlag[];
  blocker: { text: string; since: string } | null;
  lastSync: string | null;
  lastCheckpoint: Checkpoint | null;
  lastSuccessfulTest: TestRun | null;
  /**
   * Commits the protected branch has moved past `baseCommit` (0: not moved), as the conflict engine
   * last counted; null until counted. Absent from a coordinator that predates it.
   */
  baseBehind?: number | null;
  createdAt: string;
  endedAt: string | null;
  updatedAt: string;
  updatedBy: string;
  version: number;
}

export type LeaseMode = 'write' | 'read';

export interface Lease {
  id: string;
  session: string;
  pattern: string;
  mode: LeaseMode;
  expiresAt: string | null;
  reason: string | null;
  fence: number;
  /** Bumped by every renewal and reassignment; a hand-over can name the one it saw (DESIGN §2). */
  version: number;
}

export const TASK_STATUSES = ['todo', 'doing', 'blocked', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface Task {
  id: string;
  title: string;
  objective: string;
  session: string | null;
  status: TaskStatus;
  blockedBy: string[];
  version: number;
}

export type ConflictKind = 'soft-overlap' | 'hard-collision' | 'stale-base';
export type ConflictState =
  | 'open'
  | 'rebase-proposed'
  | 'ownership-reassigned'
  | 'merge-queued'
  | 'human-decision-required'
  | 'resolved';

export interface Conflict {
  id: string;
  kind: ConflictKind;
  sessions: string[];
  paths: string[];
  nextAction: string;
  resolver: string;
  state: ConflictState;
  detectedAt: string;
  version: number;
}

export type ApprovalState = 'pending' | 'approved' | 'denied' | 'expired';

export interface Approval {
  id: string;
  session: string;
  tier: 2 | 3;
  action: string;
  detail: string | null;
  state: ApprovalState;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  why: string | null;
  version: number;
}

export type QueueState = 'queued' | 'running' | 'merged' | 'failed';

export interface QueueEntry {
  id: string;
  session: string;
  headCommit: string;
  state: QueueState;
  gates: { name: string; ok: boolean; detail: string }[];
  version: number;
}

/** One row of the append-only audit log. `before`/`after` are the subject's records. */
export interface BoardEvent {
  id: number;
  at: string;
  actor: string;
  kind: string;
  subject: string;
  before: unknown;
  after: unknown;
}

export interface Board {
  repos: Repo[];
  sessions: Session[];
  tasks: Task[];
  leases: Lease[];
  conflicts: Conflict[];
  approvals: Approval[];
  queue: QueueEntry[];
  /**
   * Each session's changed files since its base (the conflict engine's changed set), by session id.
   * Absent from a coordinator that predates it: the graph then shows leases and conflicts only.
   */
  changedPaths?: Record<string, string[]>;
  lastEventId: number;
}

export type CheckVerdictKind = 'clear' | 'soft-overlap' | 'hard-collision' | 'forbidden' | 'out-of-scope';

/** Who holds a lease that a claim or an edit ran into. */
export interface LeaseHolder {
  session: string;
  owner: string;
  title: string;
  pattern: string;
  mode: LeaseMode;
  expiresAt: string | null;
}

/** The answer to "may this session write (or read) these paths now?" (DESIGN §8 check verdict). */
export interface CheckVerdict {
  verdict: CheckVerdictKind;
  holders: LeaseHolder[];
  reason: string;
  nextAction: string;
  paths: string[];
}

export interface ClaimResult {
  leases: Lease[];
  /** Soft overlaps the claim was granted despite (a read lease meeting a write lease). */
  warnings: string[];
}
