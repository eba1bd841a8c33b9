import type { XYPosition } from '@xyflow/react';
import { NODE_SIZE, type AppEdge, type AppNode } from './graph-types';

const GAP = 24;
const RANK_GAP = 96;
/** A column taller than this many nodes is folded into several side by side, so the board stays near square. */
const MAX_ROWS = 40;

/**
 * Top-left positions for a large graph, left to right, in time linear in its size: sessions in the
 * first column, then each node one column right of the furthest node pointing at it; within a column
 * nodes follow the average place of their neighbours to the left, so edges mostly run straight.
 * A very long column is folded into a block of sub-columns, filled top to bottom then left to right.
 * Columns are centred on one another. Pure and deterministic (ties go by input order).
 */
export function layeredPositions(nodes: readonly AppNode[], edges: readonly AppEdge[]): Map<string, XYPosition> {
  const byId = new Map(nodes.map((n, i) => [n.id, { node: n, index: i }]));
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    // Session-to-session conflict edges would only push sessions apart; sessions share the first column.
    if (!source || !target || target.node.type === 'session' || edge.source === edge.target) continue;
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  }

  const rankOf = new Map<string, number>();
  const rank = (id: string, visiting: Set<string>): number => {
    const known = rankOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!.node;
    let value = 0;
    if (node.type !== 'session') {
      visiting.add(id);
      // A cycle (tasks blocking each other) is cut where it closes.
      const from = (incoming.get(id) ?? []).filter((source) => !visiting.has(source));
      value = from.length === 0 ? 1 : Math.max(...from.map((source) => rank(source, visiting) + 1));
      visiting.delete(id);
    }
    rankOf.set(id, value);
    return value;
  };
  const columns: AppNode[][] = [];
  for (const node of nodes) {
    const r = rank(node.id, new Set());
    (columns[r] ??= []).push(node);
  }

  const order = new Map<string, number>();
  const ordered = columns.map((column = [], r) => {
    const placed =
      r === 0
        ? column
        : column
            .map((node) => {
              const places = (incoming.get(node.id) ?? []).map((source) => order.get(source)).filter((p): p is number => p !== undefined);
              const centre = places.length === 0 ? Number.POSITIVE_INFINITY : places.reduce((a, b) => a + b, 0) / places.length;
              return { node, centre };
            })
            .sort((a, b) => a.centre - b.centre || byId.get(a.node.id)!.index - byId.get(b.node.id)!.index)
            .map(({ node }) => node);
    // Places as fractions of the column, so a short column and a tall one line up by proportion.
    placed.forEach((node, i) => order.set(node.id, placed.length === 1 ? 0.5 : i / (placed.length - 1)));
    return placed;
  });

  const blocks = ordered.map(fold);
  const tallest = Math.max(0, ...blocks.map((b) => b.height));
  const out = new Map<string, XYPosition>();
  let x = GAP;
  for (const block of blocks) {
    const top = GAP + (tallest - block.height) / 2;
    for (const [id, at] of block.at) out.set(id, { x: x + at.x, y: top + at.y });
    x += block.width + RANK_GAP;
  }
  return out;
}

/** One column's nodes placed relative to its top-left corner, folded into sub-columns when long. */
function fold(column: readonly AppNode[]): { at: Map<string, XYPosition>; width: number; height: number } {
  const cell = {
    width: Math.max(0, ...column.map((n) => NODE_SIZE[n.type].width)) + GAP,
    height: Math.max(0, ...column.map((n) => NODE_SIZE[n.type].height)) + GAP,
  };
  const subColumns = column.length <= MAX_ROWS ? 1 : Math.ceil(Math.sqrt((column.length * cell.height) / cell.width));
  const rows = Math.ceil(column.length / subColumns);
  const at = new Map<string, XYPosition>();
  let y = 0;
  column.forEach((node, i) => {
    const row = i % rows;
    if (subColumns === 1) {
      // One column keeps each node's own height, so tasks and assets pack tightly.
      at.set(node.id, { x: 0, y });
      y += NODE_SIZE[node.type].height + GAP;
    } else {
      at.set(node.id, { x: Math.floor(i / rows) * cell.width, y: row * cell.height });
    }
  });
  const height = subColumns === 1 ? Math.max(0, y - GAP) : rows * cell.height - GAP;
  return { at, width: subColumns * cell.width - GAP, height };
}
