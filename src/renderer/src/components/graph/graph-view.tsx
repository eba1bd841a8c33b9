import {
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  useNodesState,
  type DefaultEdgeOptions,
  type NodeMouseHandler,
  type EdgeTypes,
  type NodeTypes,
  type OnNodeDrag,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { sessionNodeId } from '../../graph/build-graph';
import { sessionUnder } from '../../graph/drop-target';
import { miniMapClass } from '../../graph/minimap-class';
import type { AppEdge, AppNode } from '../../graph/graph-types';
import { handOverOfEdge, handOverOfNode, type HandOver } from '../../graph/hand-over';
import { useFitOnResize } from '../../hooks/use-fit-on-resize';
import { useHandOverDrag } from '../../hooks/use-hand-over-drag';
import { useActions, useControlRoom } from '../../store/store-context';
import { AssetNode } from './asset-node';
import { ConflictEdge } from './conflict-edge';
import { HandOverEdge } from './hand-over-edge';
import { SessionNode } from './session-node';
import { TaskNode } from './task-node';
import { TaskOverrideDialog } from './task-override-dialog';

const nodeTypes = { session: SessionNode, task: TaskNode, asset: AssetNode } satisfies NodeTypes;
const edgeTypes = { 'hand-over': HandOverEdge, 'conflict': ConflictEdge } satisfies EdgeTypes;
const defaultEdgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 } };
const fitViewOptions = { padding: 0.15, maxZoom: 1.1 };

/**
 * Local node state follows the store's laid-out graph; it exists so dragging and measuring work.
 * Drags steer: a lease or ownership edge's grip, or an asset or task node, dropped on a session
 * hands those leases or that task over through the store, which asks the lead before a tier-3 override.
 */
export function GraphView() {
  const graph = useControlRoom((s) => s.graph);
  const positions = useControlRoom((s) => s.positions);
  const selectedSessionId = useControlRoom((s) => s.view.selectedSessionId);
  const theme = useControlRoom((s) => s.view.theme);
  const dropTarget = useControlRoom((s) => s.view.dropTarget);
  const { selectSession, placeNode, moveLeases, moveTask, setDropTarget } = useActions();
  const selectedNodeId = selectedSessionId === null ? null : sessionNodeId(selectedSessionId);
  const [nodes, setNodes, onNodesChange] = useNodesState<AppNode>(graph.nodes);
  const container = useRef<HTMLDivElement>(null);
  const flow = useRef<ReactFlowInstance<AppNode, AppEdge> | null>(null);
  const refit = useCallback(() => void flow.current?.fitView({ ...fitViewOptions, duration: 200 }), []);
  useFitOnResize(container, refit);

  const handOver = useCallback(
    (what: HandOver | null, to: string): void => {
      if (what?.kind === 'leases') void moveLeases(what.patterns, to, what.drawn);
      if (what?.kind === 'task') void moveTask(what.task, to);
    },
    [moveLeases, moveTask],
  );
  const gripDrag = useHandOverDrag(graph.edges, (edge, to) => handOver(handOverOfEdge(edge), to), setDropTarget);

  useEffect(() => {
    setNodes((current) => {
      const local = new Map(current.map((n) => [n.id, n]));
      return graph.nodes.map((node) => {
        const mine = local.get(node.id);
        const selected = node.id === selectedNodeId;
        // Unchanged: hand xyflow back its own object, so it skips the node instead of re-measuring it.
        if (mine && mine.data === node.data && mine.position === node.position && Boolean(mine.selected) === selected) return mine;
        return { ...node, selected, ...(mine?.measured ? { measured: mine.measured } : {}) };
      });
    });
  }, [graph.nodes, selectedNodeId, setNodes]);

  // React Flow copies every handler into its store when it changes identity, and each copy re-runs
  // the selectors of all nodes and edges: the handlers stay the same and read what changes from a ref.
  const current = useRef({ nodes, positions });
  current.current = { nodes, positions };

  const onInit = useCallback((instance: ReactFlowInstance<AppNode, AppEdge>) => {
    flow.current = instance;
  }, []);

  const onNodeClick = useCallback<NodeMouseHandler<AppNode>>(
    (_, node) => {
      if (node.type === 'session') selectSession(node.data.sessionId);
    },
    [selectSession],
  );

  const onNodeDrag = useCallback<OnNodeDrag<AppNode>>((_, node) => setDropTarget(sessionUnder(node, current.current.nodes)), [setDropTarget]);

  const onNodeDragStop = useCallback<OnNodeDrag<AppNode>>(
    (_, node) => {
      setDropTarget(null);
      const target = sessionUnder(node, current.current.nodes);
      const what = handOverOfNode(node);
      if (what === null || target === null) {
        placeNode(node.id, node.position);
        return;
      }
      // Dropped on a session: a hand-over, not a new place. The node goes back where it was.
      const home = current.current.positions[node.id];
      if (home) setNodes((local) => local.map((n) => (n.id === node.id ? { ...n, position: home } : n)));
      handOver(what, target);
    },
    [setDropTarget, placeNode, setNodes, handOver],
  );

  const shownNodes = dropTarget === null ? nodes : nodes.map((n) => (n.id === sessionNodeId(dropTarget) ? { ...n, className: 'is-drop-target' } : n));

  return (
    <div ref={container} className="graph-view" data-testid="graph-view" onPointerDownCapture={gripDrag.onPointerDownCapture}>
      <ReactFlow<AppNode, AppEdge>
        nodes={shownNodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onInit={onInit}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        nodesConnectable={false}
        deleteKeyCode={null}
        colorMode={theme}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.2}
      >
        <MiniMap<AppNode> pannable zoomable nodeClassName={miniMapClass} />
        <Controls showInteractive={false} />
        <Panel position="top-right" className="graph-hint">
          Drag a lease's or task's dot, an asset or a task onto another session to hand it over.
        </Panel>
      </ReactFlow>
      {gripDrag.line && (
        <svg className="lease-drag-overlay" aria-hidden="true">
          <line x1={gripDrag.line.from.x} y1={gripDrag.line.from.y} x2={gripDrag.line.to.x} y2={gripDrag.line.to.y} />
        </svg>
      )}
      <TaskOverrideDialog />
    </div>
  );
}
