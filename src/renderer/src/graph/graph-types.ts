import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type {
  AgentKind,
  Approval,
  Conflict,
  ConflictKind,
  Lease,
  LeaseMode,
  Session,
  SessionFlag,
  SessionStatus,
  Task,
  TaskStatus,
} from '../../../shared/board';

/** Node data is plain data: what the node shows, nothing it could call. */
export type SessionNodeData = {
  sessionId: string;
  title: string;
  owner: string;
  agent: AgentKind;
  status: SessionStatus;
  flags: SessionFlag[];
  blocker: string | null;
  lastCheckpointAt: string | null;
  /** When its tests last passed (only passes are recorded), and with which command. */
  lastTest: { at: string; command: string | null } | null;
  /** Commits the protected branch has moved past its base; null until the conflict engine counted. */
  baseBehind: number | null;
  pendingApprovals: number;
  /** Kinds of the open conflicts this session is part of, worst first. */
  conflictKinds: ConflictKind[];
};

export type TaskNodeData = {
  taskId: string;
  title: string;
  status: TaskStatus;
  blockedBy: string[];
};

export type AssetHolder = { session: string; mode: LeaseMode };

/** A lease as the graph drew it: a hand-over sends its version, so one changed since is refused as stale. */
export type DrawnLease = { id: string; pattern: string; session: string; version: number };

export type AssetNodeData = {
  label: string;
  /** The lease patterns and conflicting files this node stands for (several when grouped by folder). */
  paths: string[];
  grouped: boolean;
  holders: AssetHolder[];
  /** Held by two or more sessions, at least one of them writing. */
  contested: boolean;
  /** The sessions whose changed files this node stands for (some of them). */
  changedBy: string[];
  conflictKind: ConflictKind | null;
  /** Every lease on `paths`, any session's, as drawn. */
  drawn?: DrawnLease[];
};

export type SessionGraphNode = Node<SessionNodeData, 'session'>;
export type TaskGraphNode = Node<TaskNodeData, 'task'>;
export type AssetGraphNode = Node<AssetNodeData, 'asset'>;
export type AppNode = SessionGraphNode | TaskGraphNode | AssetGraphNode;
export type AppNodeType = AppNode['type'];

export type GraphEdgeData = {
  relation: 'lease' | 'owns' | 'blocked-by' | 'conflict' | 'changes';
  mode?: LeaseMode;
  /** On a lease or ownership edge: the holding session, and what a drag onto another session moves. */
  session?: string;
  patterns?: string[];
  /** On a lease edge: every lease on its patterns, any session's, as drawn. */
  drawn?: DrawnLease[];
  taskId?: string;
  conflictId?: string;
  conflictKind?: ConflictKind;
  nextAction?: string;
  /** On a conflict edge: the short form of the next action it shows (see conflictBadge). */
  badge?: string;
};

export type AppEdge = Edge<GraphEdgeData>;

export interface Graph {
  nodes: AppNode[];
  edges: AppEdge[];
}

/** What the graph is built from: the board's records as lists. */
export interface GraphInput {
  sessions: Session[];
  tasks: Task[];
  leases: Lease[];
  conflicts: Conflict[];
  approvals: Approval[];
  /** Each session's changed files, by session id. */
  changedPaths: Readonly<Record<string, readonly string[]>>;
}

/** Footprint used by the layout; the node components are styled to these sizes. */
export const NODE_SIZE: Record<AppNodeType, { width: number; height: number }> = {
  session: { width: 240, height: 132 },
  task: { width: 200, height: 56 },
  asset: { width: 200, height: 44 },
};

/** The handles every node draws (AssetNode, SessionNode, TaskNode): one in at the left, one out at the right. */
const HANDLE_SIZE = 6;

/**
 * A node's size and handle places, known before the browser measures it: xyflow then draws the
 * edges in the same frame as the nodes instead of one measuring pass later.
 */
export function nodeFrame(type: AppNodeType): { width: number; height: number; handles: NodeHandle[] } {
  const { width, height } = NODE_SIZE[type];
  const y = height / 2 - HANDLE_SIZE / 2;
  const at = (kind: 'source' | 'target', position: Position, x: number): NodeHandle => ({
    id: null,
    type: kind,
    position,
    x,
    y,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  });
  return {
    width,
    height,
    handles: [at('target', Position.Left, -HANDLE_SIZE / 2), at('source', Position.Right, width - HANDLE_SIZE / 2)],
  };
}

export const CONFLICT_SEVERITY: Record<ConflictKind, number> = {
  'hard-collision': 0,
  'stale-base': 1,
  'soft-overlap': 2,
};
