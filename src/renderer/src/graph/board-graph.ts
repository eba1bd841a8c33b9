import type { XYPosition } from '@xyflow/react';
import type { BoardIndex } from '../store/board-index';
import type { Filters } from '../store/view-state';
import { buildGraph } from './build-graph';
import type { Graph, GraphInput } from './graph-types';
import { keepUnchanged } from './keep-unchanged';
import { layoutGraph } from './layout-graph';

const naturalOrder = new Intl.Collator('en', { numeric: true });

/** The board as lists, in a stable order so the layout does not depend on arrival order. */
export function graphInput(board: BoardIndex): GraphInput {
  const sorted = <T extends { id: string }>(records: Record<string, T>): T[] =>
    Object.values(records).sort((a, b) => naturalOrder.compare(a.id, b.id));
  return {
    sessions: sorted(board.sessions),
    tasks: sorted(board.tasks),
    leases: sorted(board.leases),
    conflicts: sorted(board.conflicts),
    approvals: sorted(board.approvals),
    changedPaths: board.changedPaths,
  };
}

/**
 * Builds and lays out the graph for the board, keeping known nodes where they were and reusing the
 * previous node and edge objects that did not change. Returns the positions to remember next time.
 */
export function relayoutBoard(
  board: BoardIndex,
  filters: Filters,
  previous: Graph,
  positions: Readonly<Record<string, XYPosition>>,
): { graph: Graph; positions: Record<string, XYPosition> } {
  const built = buildGraph(graphInput(board), filters);
  const nodes = keepUnchanged(previous.nodes, layoutGraph(built.nodes, built.edges, positions));
  const edges = keepUnchanged(previous.edges, built.edges);
  const remembered = { ...positions };
  for (const node of nodes) remembered[node.id] = node.position;
  return { graph: { nodes, edges }, positions: remembered };
}
