import dagre from '@dagrejs/dagre';
import type { XYPosition } from '@xyflow/react';
import { NODE_SIZE, type AppEdge, type AppNode } from './graph-types';
import { layeredPositions } from './layered-layout';

export type Positions = Readonly<Record<string, XYPosition>>;

const GAP = 24;
const LABEL_MAX_WIDTH = 240;
/**
 * Past this many nodes dagre's crossing reduction is too slow to run while the lead waits (about
 * 0.25 s at 100 nodes, 3–6 s for 20 sessions holding 500 assets), so a large board gets the
 * linear layered layout instead.
 */
export const DAGRE_MAX_NODES = 100;

/**
 * Positions for every node. A node that already has a position keeps it, so the picture does not
 * jump when the board changes or the lead has dragged things; new nodes take their dagre place
 * relative to a neighbour that stayed (or to the old layout as a whole) and are nudged down until
 * they overlap nothing. Pure and deterministic.
 */
export function layoutGraph(nodes: readonly AppNode[], edges: readonly AppEdge[], previous: Positions): AppNode[] {
  const kept = nodes.filter((n) => previous[n.id] !== undefined);
  // Most board changes add no node: then every node stays put and dagre, the costly part, is skipped.
  if (kept.length === nodes.length) return nodes.map((n) => withPosition(n, previous[n.id]!));
  const fresh = nodes.length > DAGRE_MAX_NODES ? layeredPositions(nodes, edges) : dagrePositions(nodes, edges);
  if (kept.length === 0) return nodes.map((n) => withPosition(n, fresh.get(n.id)!));

  const placed = new Map<string, XYPosition>();
  for (const node of kept) placed.set(node.id, previous[node.id]!);
  const shift = averageShift(kept.map((n) => n.id), previous, fresh);
  const neighbours = neighbourLists(edges);
  const sizeOf = new Map(nodes.map((n) => [n.id, NODE_SIZE[n.type]]));

  for (const node of nodes) {
    if (placed.has(node.id)) continue;
    const own = fresh.get(node.id)!;
    const anchor = (neighbours.get(node.id) ?? []).find((id) => placed.has(id) && fresh.has(id));
    const start = anchor
      ? offset(placed.get(anchor)!, own, fresh.get(anchor)!)
      : { x: own.x + shift.x, y: own.y + shift.y };
    placed.set(node.id, clearSpot(start, NODE_SIZE[node.type], placed, sizeOf));
  }
  return nodes.map((n) => withPosition(n, placed.get(n.id)!));
}

/** Top-left positions from a full dagre layout, left to right: sessions, then what they hold. */
function dagrePositions(nodes: readonly AppNode[], edges: readonly AppEdge[]): Map<string, XYPosition> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: GAP, ranksep: 96, marginx: GAP, marginy: GAP });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(node.id, { ...NODE_SIZE[node.type] });
  for (const edge of edges) {
    if (!g.hasNode(edge.source) || !g.hasNode(edge.target)) continue;
    // A conflict's badge gets room between the ranks.
    const badge = edge.data?.badge;
    const label = badge ? { width: Math.min(LABEL_MAX_WIDTH, badge.length * 7 + 16), height: 22, labelpos: 'c' as const } : {};
    g.setEdge(edge.source, edge.target, label, edge.id);
  }
  dagre.layout(g);
  const out = new Map<string, XYPosition>();
  for (const node of nodes) {
    const { x, y } = g.node(node.id) as { x: number; y: number };
    const { width, height } = NODE_SIZE[node.type];
    out.set(node.id, { x: x - width / 2, y: y - height / 2 });
  }
  return out;
}

function neighbourLists(edges: readonly AppEdge[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  const add = (from: string, to: string): void => {
    lists.set(from, [...(lists.get(from) ?? []), to]);
  };
  for (const edge of edges) {
    add(edge.source, edge.target);
    add(edge.target, edge.source);
  }
  return lists;
}

/** How far the kept nodes have moved from where dagre would put them now, on average. */
function averageShift(ids: string[], previous: Positions, fresh: Map<string, XYPosition>): XYPosition {
  let x = 0;
  let y = 0;
  for (const id of ids) {
    x += previous[id]!.x - fresh.get(id)!.x;
    y += previous[id]!.y - fresh.get(id)!.y;
  }
  return { x: x / ids.length, y: y / ids.length };
}

function offset(anchorPlaced: XYPosition, own: XYPosition, anchorFresh: XYPosition): XYPosition {
  return { x: anchorPlaced.x + own.x - anchorFresh.x, y: anchorPlaced.y + own.y - anchorFresh.y };
}

function clearSpot(
  start: XYPosition,
  size: { width: number; height: number },
  placed: Map<string, XYPosition>,
  sizeOf: Map<string, { width: number; height: number }>,
): XYPosition {
  const spot = { ...start };
  for (;;) {
    let blocker: { y: number; height: number } | null = null;
    for (const [id, at] of placed) {
      const other = sizeOf.get(id)!;
      if (overlaps(spot, size, at, other)) {
        blocker = { y: at.y, height: other.height };
        break;
      }
    }
    if (!blocker) return spot;
    spot.y = blocker.y + blocker.height + GAP;
  }
}

function overlaps(a: XYPosition, as: { width: number; height: number }, b: XYPosition, bs: { width: number; height: number }): boolean {
  return a.x < b.x + bs.width + GAP && b.x < a.x + as.width + GAP && a.y < b.y + bs.height + GAP && b.y < a.y + as.height + GAP;
}

function withPosition(node: AppNode, position: XYPosition): AppNode {
  return { ...node, position };
}
