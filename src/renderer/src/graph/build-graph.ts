import type { Conflict, ConflictKind, LeaseMode, Session } from '../../../shared/board';
import { filterContext, hasNarrowingFilter, sessionMatches } from '../store/session-filter';
import type { Filters } from '../store/view-state';
import { assetKeys, folderOf } from './asset-keys';
import { conflictBadge } from './conflict-badge';
import {
  CONFLICT_SEVERITY,
  type AppEdge,
  type AppNode,
  type AssetHolder,
  type AssetGraphNode,
  type DrawnLease,
  type Graph,
  type GraphInput,
  type SessionGraphNode,
  type TaskGraphNode,
  nodeFrame,
} from './graph-types';

export const sessionNodeId = (id: string): string => `session:${id}`;
export const taskNodeId = (id: string): string => `task:${id}`;
export const assetNodeId = (key: string): string => `asset:${key}`;

const ORIGIN = { x: 0, y: 0 };

interface AssetUse {
  path: string;
  session: string;
  mode: LeaseMode | null;
  conflict: Conflict | null;
  changed: boolean;
}

/**
 * The graph of who works on what: sessions, their tasks, and the assets they lease or have changed
 * (grouped by folder when many). Edges are leases (session → asset), changes (session → asset it
 * changed but does not lease), task ownership (session → task), blocked_by (blocker → task) and open
 * conflicts (coloured by kind, labelled with the next action). Lease and ownership edges carry a grip
 * (their holder and what a drag hands over). Pure; positions are left to layout.
 */
export function buildGraph(input: GraphInput, filters: Filters): Graph {
  const context = filterContext(input.leases, input.conflicts);
  const conflicts = context.openConflicts
    .filter((c) => filters.conflictKinds.length === 0 || filters.conflictKinds.includes(c.kind))
    .sort((a, b) => CONFLICT_SEVERITY[a.kind] - CONFLICT_SEVERITY[b.kind] || a.id.localeCompare(b.id));
  const sessions = input.sessions.filter((s) => sessionMatches(s, filters, context));
  const visible = new Set(sessions.map((s) => s.id));

  const nodes: AppNode[] = sessions.map((s) => sessionNode(s, input, conflicts));
  const edges: AppEdge[] = [];

  const narrowed = hasNarrowingFilter(filters);
  const tasks = input.tasks.filter((t) => (t.session === null ? !narrowed : visible.has(t.session)));
  const visibleTasks = new Set(tasks.map((t) => t.id));
  for (const task of tasks) {
    nodes.push(taskNode(task));
    if (task.session !== null) {
      edges.push({
        id: `owns:${task.id}`,
        type: 'hand-over',
        source: sessionNodeId(task.session),
        target: taskNodeId(task.id),
        className: 'edge-owns',
        data: { relation: 'owns', session: task.session, taskId: task.id },
      });
    }
    for (const blocker of task.blockedBy) {
      if (!visibleTasks.has(blocker)) continue;
      edges.push({
        id: `blocked-by:${task.id}:${blocker}`,
        source: taskNodeId(blocker),
        target: taskNodeId(task.id),
        className: 'edge-blocked-by',
        data: { relation: 'blocked-by' },
      });
    }
  }

  const uses = assetUses(input, conflicts, sessions);
  const keyOf = assetKeys(uses.map((u) => u.path));
  const assets = new Map<string, AssetUse[]>();
  for (const use of uses) {
    const key = keyOf.get(use.path)!;
    const list = assets.get(key);
    if (list) list.push(use);
    else assets.set(key, [use]);
  }
  const drawn = drawnLeases(input.leases);
  for (const key of [...assets.keys()].sort()) nodes.push(assetNode(key, assets.get(key)!, drawn));

  const leases = leaseEdges(uses, keyOf, drawn);
  edges.push(...leases, ...changeEdges(uses, keyOf, new Set(leases.map((e) => e.id))), ...conflictEdges(conflicts, visible, keyOf));
  return { nodes, edges };
}

function sessionNode(session: Session, input: GraphInput, conflicts: Conflict[]): SessionGraphNode {
  const kinds = new Set<ConflictKind>();
  for (const c of conflicts) if (c.sessions.includes(session.id)) kinds.add(c.kind);
  return {
    id: sessionNodeId(session.id),
    type: 'session',
    position: ORIGIN,
    ...nodeFrame('session'),
    data: {
      sessionId: session.id,
      title: session.title,
      owner: session.owner,
      agent: session.agent,
      status: session.status,
      flags: session.flags,
      blocker: session.blocker?.text ?? null,
      lastCheckpointAt: session.lastCheckpoint?.at ?? null,
      lastTest: session.lastSuccessfulTest ? { at: session.lastSuccessfulTest.at, command: session.lastSuccessfulTest.command } : null,
      baseBehind: session.baseBehind ?? null,
      pendingApprovals: input.approvals.filter((a) => a.session === session.id && a.state === 'pending').length,
      conflictKinds: [...kinds].sort((a, b) => CONFLICT_SEVERITY[a] - CONFLICT_SEVERITY[b]),
    },
  };
}

function taskNode(task: GraphInput['tasks'][number]): TaskGraphNode {
  return {
    id: taskNodeId(task.id),
    type: 'task',
    position: ORIGIN,
    ...nodeFrame('task'),
    data: { taskId: task.id, title: task.title, status: task.status, blockedBy: task.blockedBy },
  };
}

/**
 * Leases and changed files of visible sessions, plus the files of conflicts that involve only one
 * session (stale base, forbidden edit): with no second session to point at, the conflict points at its files.
 */
function assetUses(input: GraphInput, conflicts: Conflict[], sessions: Session[]): AssetUse[] {
  const visible = new Set(sessions.map((s) => s.id));
  const uses: AssetUse[] = [];
  for (const lease of input.leases) {
    if (visible.has(lease.session)) uses.push({ path: lease.pattern, session: lease.session, mode: lease.mode, conflict: null, changed: false });
  }
  for (const session of sessions) {
    for (const path of input.changedPaths[session.id] ?? []) uses.push({ path, session: session.id, mode: null, conflict: null, changed: true });
  }
  for (const conflict of conflicts) {
    const [only] = conflict.sessions;
    if (conflict.sessions.length !== 1 || only === undefined || !visible.has(only)) continue;
    for (const path of conflict.paths) uses.push({ path, session: only, mode: null, conflict, changed: false });
  }
  return uses;
}

/** Every lease by pattern, hidden sessions' too: a hand-over moves them all. */
function drawnLeases(leases: GraphInput['leases']): Map<string, DrawnLease[]> {
  const byPattern = new Map<string, DrawnLease[]>();
  for (const { id, pattern, session, version } of leases) byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), { id, pattern, session, version }]);
  return byPattern;
}

const drawnOn = (patterns: readonly string[], drawn: Map<string, DrawnLease[]>): DrawnLease[] => patterns.flatMap((p) => drawn.get(p) ?? []);

function assetNode(key: string, uses: AssetUse[], drawn: Map<string, DrawnLease[]>): AssetGraphNode {
  const paths = [...new Set(uses.map((u) => u.path))].sort();
  const grouped = key.startsWith('dir:');
  const holdersBySession = new Map<string, LeaseMode>();
  for (const use of uses) {
    if (use.mode === null) continue;
    if (holdersBySession.get(use.session) !== 'write') holdersBySession.set(use.session, use.mode);
  }
  const holders: AssetHolder[] = [...holdersBySession].map(([session, mode]) => ({ session, mode })).sort((a, b) => a.session.localeCompare(b.session));
  const changedBy = [...new Set(uses.filter((u) => u.changed).map((u) => u.session))].sort();
  const kinds = uses.flatMap((u) => (u.conflict ? [u.conflict.kind] : []));
  kinds.sort((a, b) => CONFLICT_SEVERITY[a] - CONFLICT_SEVERITY[b]);
  return {
    id: assetNodeId(key),
    type: 'asset',
    position: ORIGIN,
    ...nodeFrame('asset'),
    data: {
      label: grouped ? folderLabel(paths[0]!) : paths[0]!,
      paths,
      grouped,
      holders,
      contested: holders.length >= 2 && holders.some((h) => h.mode === 'write'),
      changedBy,
      conflictKind: kinds[0] ?? null,
      drawn: drawnOn(paths, drawn),
    },
  };
}

function folderLabel(path: string): string {
  return folderOf(path) || '(repo root)';
}

function leaseEdges(uses: AssetUse[], keyOf: Map<string, string>, drawn: Map<string, DrawnLease[]>): AppEdge[] {
  const byEdge = new Map<string, { session: string; key: string; mode: LeaseMode; patterns: Set<string> }>();
  for (const use of uses) {
    if (use.mode === null) continue;
    const key = keyOf.get(use.path)!;
    const id = `lease:${use.session}:${key}`;
    const seen = byEdge.get(id) ?? { session: use.session, key, mode: use.mode, patterns: new Set<string>() };
    if (use.mode === 'write') seen.mode = 'write';
    seen.patterns.add(use.path);
    byEdge.set(id, seen);
  }
  return [...byEdge].map(([id, { session, key, mode, patterns }]) => ({
    id,
    type: 'hand-over',
    source: sessionNodeId(session),
    target: assetNodeId(key),
    className: `edge-lease edge-lease--${mode}`,
    data: { relation: 'lease', mode, session, patterns: [...patterns].sort(), drawn: drawnOn([...patterns].sort(), drawn) },
  }));
}

/** Session → each asset it changed files in, unless its lease edge already joins the two. */
function changeEdges(uses: AssetUse[], keyOf: Map<string, string>, leaseEdgeIds: Set<string>): AppEdge[] {
  const edges = new Map<string, AppEdge>();
  for (const use of uses) {
    if (!use.changed) continue;
    const key = keyOf.get(use.path)!;
    if (leaseEdgeIds.has(`lease:${use.session}:${key}`)) continue;
    const id = `changes:${use.session}:${key}`;
    if (!edges.has(id)) {
      edges.set(id, {
        id,
        source: sessionNodeId(use.session),
        target: assetNodeId(key),
        className: 'edge-changes',
        data: { relation: 'changes', session: use.session },
      });
    }
  }
  return [...edges.values()];
}

function conflictEdges(conflicts: Conflict[], visible: Set<string>, keyOf: Map<string, string>): AppEdge[] {
  const edges: AppEdge[] = [];
  const edge = (conflict: Conflict, session: string, target: string, suffix: string): AppEdge => ({
    id: `conflict:${conflict.id}:${suffix}`,
    type: 'conflict',
    source: sessionNodeId(session),
    target,
    className: `edge-conflict edge-conflict--${conflict.kind}`,
    animated: conflict.kind === 'hard-collision',
    data: {
      relation: 'conflict',
      session,
      conflictId: conflict.id,
      conflictKind: conflict.kind,
      nextAction: conflict.nextAction,
      badge: conflictBadge(conflict.nextAction),
    },
  });
  for (const conflict of conflicts) {
    const [first, ...others] = conflict.sessions.filter((s) => visible.has(s));
    if (first === undefined) continue;
    if (conflict.sessions.length > 1) {
      for (const other of others) edges.push(edge(conflict, first, sessionNodeId(other), other));
      continue;
    }
    const keys = new Set(conflict.paths.map((p) => keyOf.get(p)!));
    for (const key of [...keys].sort()) edges.push(edge(conflict, first, assetNodeId(key), key));
  }
  return edges;
}
