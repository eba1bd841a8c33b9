import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatAge } from '../../format/age';
import type { SessionGraphNode } from '../../graph/graph-types';
import { useNow } from '../../hooks/use-now';
import { ConflictBadge, FlagChips, StatusBadge } from '../badges';

export const SessionNode = memo(function SessionNode({ data, selected }: NodeProps<SessionGraphNode>) {
  const now = useNow();
  const worst = data.conflictKinds[0];
  const className = [
    'node',
    'session-node',
    `session-node--${data.status}`,
    worst ? `session-node--conflict-${worst}` : '',
    data.blocker ? 'session-node--has-blocker' : '',
    selected ? 'is-selected' : '',
  ].join(' ');
  return (
    <div className={className} data-testid="session-node" data-session={data.sessionId}>
      <Handle type="target" position={Position.Left} isConnectable={false} isConnectableStart={false} />
      <div className="session-node__top">
        <StatusBadge status={data.status} />
        <span className="session-node__id">{data.sessionId}</span>
        <span className="session-node__owner">{data.owner}</span>
      </div>
      <div className="session-node__title" title={data.title}>
        {data.title}
      </div>
      {data.blocker && (
        <div className="session-node__blocker" title={data.blocker}>
          {data.blocker}
        </div>
      )}
      {(data.lastTest || (data.baseBehind ?? 0) > 0) && (
        <div className="session-node__health">
          {data.lastTest && (
            <span className="chip session-node__tests" data-testid="session-tests" title={`Tests last passed ${formatAge(data.lastTest.at, now)}${data.lastTest.command ? ` (${data.lastTest.command})` : ''}`}>
              tests ✓ {formatAge(data.lastTest.at, now)}
            </span>
          )}
          {(data.baseBehind ?? 0) > 0 && (
            <span className="chip session-node__drift" data-testid="session-drift" title={`The protected branch has ${data.baseBehind} commit${data.baseBehind === 1 ? '' : 's'} this session's base does not`}>
              base −{data.baseBehind}
            </span>
          )}
        </div>
      )}
      <div className="session-node__bottom">
        <span className="session-node__checkpoint" title="Last checkpoint">
          checkpoint {formatAge(data.lastCheckpointAt, now)}
        </span>
        <FlagChips flags={data.flags} />
        {data.pendingApprovals > 0 && <span className="chip attention">{data.pendingApprovals} approval{data.pendingApprovals > 1 ? 's' : ''}</span>}
        {worst && <ConflictBadge kind={worst} />}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} isConnectableStart={false} />
    </div>
  );
});
