/**
 * The one API contract (DESIGN §1 rule 2): every command and query by name, its input and output.
 * HTTP serves it as `POST /api/<name>`, Electron IPC as `invoke(name, input)`; both validate with
 * the zod schemas in core/api, which are checked against these types.
 */
import type {
  AgentKind,
  Approval,
  Board,
  BoardEvent,
  CheckVerdict,
  ClaimResult,
  Conflict,
  Lease,
  LeaseMode,
  Repo,
  Session,
  SessionStatus,
  Task,
  TaskStatus,
} from './board';

export interface SessionFields {
  title?: string;
  owner?: string;
  objective?: string;
  scope?: string[];
  forbidden?: string[];
  escalation?: string | null;
  cadenceMinutes?: number | null;
  priority?: number;
}

/** What `task.update` may change; `blockedBy` replaces the list. */
export interface TaskFields {
  title?: string;
  objective?: string;
  status?: TaskStatus;
  blockedBy?: string[];
}

export interface SessionDetail {
  session: Session;
  leases: Lease[];
  approvals: Approval[];
  conflicts: Conflict[];
  changedPaths: string[];
  events: BoardEvent[];
}

/** Everything a session changed since its base — committed, uncommitted and untracked — as one patch. */
export interface SessionDiff {
  session: string;
  baseCommit: string;
  patch: string;
  /** The patch was cut at `limitBytes`; the rest is in the worktree. */
  truncated: boolean;
  limitBytes: number;
}

/**
 * The conflict engine's first look at every live worktree after the coordinator starts: on a large
 * repository it takes a while, and until it is `ready` a clear board does not yet mean "no conflicts".
 */
export interface ConflictScan {
  state: 'scanning' | 'ready' | 'failed';
  /** Live sessions whose worktrees the scan reads. */
  sessions: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface SessionEndResult {
  session: Session;
  patchPath: string | null;
  worktreeRemoved: boolean;
}

export interface Operations {
  'whoami': { input: Record<string, never>; output: { role: 'lead' | 'session'; session: string | null } };
  'repo.add': {
    input: { path: string; protectedBranch?: string; gate?: string; worktreeRoot?: string };
    output: Repo;
  };
  'repo.list': { input: Record<string, never>; output: Repo[] };
  'session.new': {
    input: {
      repo: string;
      title: string;
      owner?: string;
      agent?: AgentKind;
      objective?: string;
      scope?: string[];
      forbidden?: string[];
      base?: string;
      branch?: string;
      cadenceMinutes?: number;
      escalation?: string;
      priority?: number;
    };
    output: Session;
  };
  'session.list': { input: { includeEnded?: boolean }; output: Session[] };
  'session.show': { input: { id: string }; output: SessionDetail };
  'session.diff': { input: { id: string }; output: SessionDiff };
  /** An agent's heartbeat: re-read its changed set and re-evaluate its conflicts now. */
  'session.refresh': { input: { session: string }; output: Session };
  'session.update': {
    input: { id: string; expectVersion: number; fields: SessionFields };
    output: Session;
  };
  'session.pause': { input: { id: string; expectVersion?: number }; output: Session };
  'session.resume': { input: { id: string; expectVersion?: number }; output: Session };
  'session.end': {
    input: { id: string; preserveDiff?: boolean; removeWorktree?: boolean; force?: boolean };
    output: SessionEndResult;
  };
  'status.set': {
    input: { session: string; status: SessionStatus; blocker?: string; expectVersion?: number };
    output: Session;
  };
  'checkpoint': {
    input: { session: string; note?: string; tests?: 'pass' | 'fail'; testCommand?: string; commit?: string };
    output: Session;
  };
  'claim': {
    input: { session: string; patterns: string[]; mode?: LeaseMode; ttl?: string; reason?: string };
    output: ClaimResult;
  };
  'release': { input: { session: string; patterns?: string[]; all?: boolean }; output: Lease[] };
  'check': { input: { session: string; paths: string[]; mode?: LeaseMode }; output: CheckVerdict };
  /**
   * `expectLease` and `expectVersion` are the id and version of the lease the caller saw move (a
   * pattern released and claimed again is a new lease that starts at version 1 again); refused when
   * the pattern moves several leases.
   */
  'reassign': { input: { pattern: string; to: string; confirm?: boolean; expectLease?: string; expectVersion?: number }; output: Lease[] };
  'conflicts': { input: { session?: string }; output: Conflict[] };
  'task.new': {
    input: { title: string; objective?: string; session?: string; blockedBy?: string[] };
    output: Task;
  };
  'task.list': { input: { session?: string }; output: Task[] };
  'task.update': { input: { id: string; expectVersion: number; fields: TaskFields }; output: Task };
  /** Hands a task to another session; taking it from a live session is a tier-3 override (`confirm`). */
  'task.reassign': { input: { id: string; to: string; confirm?: boolean; expectVersion?: number }; output: Task };
  'approval.request': {
    input: { session: string; tier: 2 | 3; action: string; detail?: string };
    output: Approval;
  };
  'approval.list': { input: { session?: string; state?: Approval['state'] }; output: Approval[] };
  'approval.decide': {
    input: { id: string; decision: 'approve' | 'deny'; why?: string; expectVersion?: number };
    output: Approval;
  };
  /** `scan` is there when a coordinator with a conflict engine answers. */
  'board': { input: Record<string, never>; output: Board & { scan?: ConflictScan } };
  'events.since': { input: { after: number; limit?: number }; output: BoardEvent[] };
}

export type OperationName = keyof Operations;
export type OperationInput<K extends OperationName> = Operations[K]['input'];
export type OperationOutput<K extends OperationName> = Operations[K]['output'];

/** Why a call was refused. The transport maps it: HTTP status, CLI exit code. */
export type ApiErrorCode =
  | 'bad-input' // 400, exit 2
  | 'not-found' // 404, exit 2
  | 'unauthorized' // 401, exit 2
  | 'refused' // 409, exit 3: interlocking, not the owner, would lose work
  | 'stale-version' // 409, exit 3
  | 'internal'; // 500, exit 1

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** What the person should do next, when there is one thing to say. */
  hint?: string;
  field?: string;
  details?: Record<string, unknown>;
}

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** What the renderer and the CLI talk to; they do not know the transport. */
export interface Api {
  call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationOutput<K>>;
  /** Every board change, in order, resumed after `lastEventId` on reconnect. Returns unsubscribe. */
  subscribe(
    lastEventId: number,
    onEvent: (event: BoardEvent) => void,
    onState: (state: ConnectionState) => void,
  ): () => void;
}

export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
  }
}

export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  'bad-input': 400,
  'not-found': 404,
  'unauthorized': 401,
  'refused': 409,
  'stale-version': 409,
  'internal': 500,
};
