import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AssetGraphNode } from '../../graph/graph-types';

export const AssetNode = memo(function AssetNode({ data, selected }: NodeProps<AssetGraphNode>) {
  const className = [
    'node',
    'asset-node',
    data.contested ? 'asset-node--contested' : '',
    data.conflictKind ? `asset-node--conflict-${data.conflictKind}` : '',
    selected ? 'is-selected' : '',
  ].join(' ');
  const holders = data.holders.map((h) => `${h.session} (${h.mode})`).join(', ');
  const changed = data.changedBy.join(', ');
  const title = [...data.paths, holders && `held by ${holders}`, changed && `changed by ${changed}`].filter(Boolean).join('\n');
  return (
    <div className={className} data-testid="asset-node" data-changed-by={changed || undefined} title={title}>
      <Handle type="target" position={Position.Left} isConnectable={false} isConnectableStart={false} />
      <span className="asset-node__icon" aria-hidden="true">
        {data.grouped ? '▤' : '▢'}
      </span>
      <span className="asset-node__label">{data.label}</span>
      {data.changedBy.length > 0 && (
        <span className="asset-node__changed" aria-label={`changed by ${changed}`}>
          ✎
        </span>
      )}
      {data.grouped && <span className="asset-node__count">{data.paths.length}</span>}
      <Handle type="source" position={Position.Right} isConnectable={false} isConnectableStart={false} />
    </div>
  );
});
