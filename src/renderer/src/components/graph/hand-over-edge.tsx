import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AppEdge } from '../../graph/graph-types';

/**
 * A lease (session → asset) or a task's ownership (session → task), with a grip at its middle that
 * the graph view lets the lead drag onto another session (see useHandOverDrag). The grip sits
 * mid-edge because every edge of a session starts at the same point. Plain SVG, no store hooks and
 * no wide hit path (the grip is what the pointer takes): a busy board draws a thousand of these.
 */
export const HandOverEdge = memo(function HandOverEdge({
  id,
  data,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
}: EdgeProps<AppEdge>) {
  const [path, midX, midY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const task = data?.relation === 'owns';
  const what = task ? `task ${data.taskId ?? ''}` : (data?.patterns?.join(', ') ?? '');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={0} />
      <circle
        className={`hand-over-grip nopan${task ? ' hand-over-grip--task' : ''}`}
        cx={midX}
        cy={midY}
        r={6}
        data-hand-over-edge={id}
        data-testid={`${task ? 'task' : 'lease'}-grip:${id}`}
      >
        <title>{`${what} ${task ? 'owned' : 'held'} by ${data?.session ?? ''}: drag onto another session to hand it over`}</title>
      </circle>
    </>
  );
});
