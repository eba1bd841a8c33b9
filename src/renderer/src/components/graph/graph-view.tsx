import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useNodesState,
  type DefaultEdgeOptions,
  type NodeMouseHandler,
  type NodeTypes,
  type OnNodeDrag,
} from '@xyflow/react';
import { useEffect } from 'react';
import { sessionNodeId } from '../../graph/build-graph';
import type { AppNode } from '../../graph/graph-types';
import { useActions, useControlRoom } from '../../store/store-context';
import { AssetNode } from './asset-node';
import { SessionNode } from './session-node';
import { TaskNode } from './task-node';

const nodeTypes = { session: SessionNode, task: TaskNode, asset: AssetNode } satisfies NodeTypes;
const defaultEdgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 } };
const fitViewOptions = { padding: 0.15, maxZoom: 1.1 };

function miniMapClass(node: AppNode): string {
  if (node.type === 'session') return `minimap-node minimap-node--${node.data.status}`;
  if (node.type === 'asset' && (node.data.contested || node.data.conflictKind)) return 'minimap-node minimap-node--conflict';
  return 'minimap-node';
}

/** Local node state follows the store's laid-out graph; it exists so dragging and measuring work. */
export function GraphView() {
  const graph = useControlRoom((s) => s.graph);
  const selectedSessionId = useControlRoom((s) => s.view.selectedSessionId);
  const theme = useControlRoom((s) => s.view.theme);
  const { selectSession, placeNode } = useActions();
  const selectedNodeId = selectedSessionId === null ? null : sessionNodeId(selectedSessionId);
  const [nodes, setNodes, onNodesChange] = useNodesState<AppNode>(graph.nodes);

  useEffect(() => {
    setNodes((current) => {
      const local = new Map(current.map((n) => [n.id, n]));
      return graph.nodes.map((node) => {
        const mine = local.get(node.id);
        return { ...node, selected: node.id === selectedNodeId, ...(mine?.measured ? { measured: mine.measured } : {}) };
      });
    });
  }, [graph.nodes, selectedNodeId, setNodes]);

  const onNodeClick: NodeMouseHandler<AppNode> = (_, node) => {
    if (node.type === 'session') selectSession(node.data.sessionId);
  };
  const onNodeDragStop: OnNodeDrag<AppNode> = (_, node) => placeNode(node.id, node.position);

  return (
    <div className="graph-view" data-testid="graph-view">
      <ReactFlow<AppNode>
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onNodeDragStop={onNodeDragStop}
        nodesConnectable={false}
        deleteKeyCode={null}
        colorMode={theme}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.2}
      >
        <Background gap={24} size={1} />
        <MiniMap<AppNode> pannable zoomable nodeClassName={miniMapClass} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
