import type { AppNode, DrawnLease, GraphEdgeData } from './graph-types';

/** What a drag onto another session hands over: a lease edge's patterns (with the leases drawn on them), or a task. */
export type HandOver = { kind: 'leases'; patterns: string[]; drawn: DrawnLease[] } | { kind: 'task'; task: string };

/** From a grabbed edge's grip. */
export function handOverOfEdge(edge: GraphEdgeData): HandOver | null {
  if (edge.relation === 'lease' && edge.patterns?.length) return { kind: 'leases', patterns: edge.patterns, drawn: edge.drawn ?? [] };
  if (edge.relation === 'owns' && edge.taskId) return { kind: 'task', task: edge.taskId };
  return null;
}

/** From a dragged node: an asset moves the leases on its paths, a task node moves the task. */
export function handOverOfNode(node: AppNode): HandOver | null {
  if (node.type === 'asset') return { kind: 'leases', patterns: node.data.paths, drawn: node.data.drawn ?? [] };
  if (node.type === 'task') return { kind: 'task', task: node.data.taskId };
  return null;
}
