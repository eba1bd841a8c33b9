import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TaskGraphNode } from '../../graph/graph-types';

export const TaskNode = memo(function TaskNode({ data, selected }: NodeProps<TaskGraphNode>) {
  return (
    <div className={`node task-node task-node--${data.status}${selected ? ' is-selected' : ''}`} data-testid="task-node">
      <Handle type="target" position={Position.Left} isConnectable={false} isConnectableStart={false} />
      <div className="task-node__top">
        <span className="task-node__kind">task</span>
        <span className="task-node__id">{data.taskId}</span>
        <span className={`chip task-status task-status--${data.status}`}>{data.status}</span>
      </div>
      <div className="task-node__title" title={data.title}>
        {data.title}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} isConnectableStart={false} />
    </div>
  );
});
