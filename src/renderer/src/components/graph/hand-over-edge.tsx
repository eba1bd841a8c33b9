import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AppEdge } from '../../graph/graph-types';

/**
 * A lease: session → asset, with a grip at its middle that the graph view lets the lead drag onto
 * another session (see useLeaseDrag). The grip sits mid-edge because every lease of a session
 * starts at the same point. Plain SVG, no store hooks and no wide hit path (the grip is what the
 * pointer takes): a busy board draws a thousand of these.
 */
export const LeaseEdge = memo(function LeaseEdge({
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
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={0} />
      <circle className="lease-grip nopan" cx={midX} cy={midY} r={6} data-lease-edge={id} data-testid={`lease-grip:${id}`}>
        <title>{`${data?.patterns?.join(', ') ?? ''} held by ${data?.session ?? ''}`}</title>
      </circle>
    </>
  );
});
