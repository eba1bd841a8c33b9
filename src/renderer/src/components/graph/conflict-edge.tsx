import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AppEdge } from '../../graph/graph-types';
import { useActions } from '../../store/store-context';

/** The badge keeps at least this on-screen size however far the lead zooms out, and no more than this much larger. */
const MAX_COUNTER_SCALE = 2.5;

/**
 * An open conflict: a coloured edge with a compact badge at its midpoint — the next action's first
 * clause, the full text as its tooltip. The badge is HTML above every edge and below the nodes (never
 * over their text), scaled against the zoom so it stays readable on a fitted board. A click opens the session.
 */
export const ConflictEdge = memo(function ConflictEdge({
  id,
  data,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  style,
}: EdgeProps<AppEdge>) {
  const [path, midX, midY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const zoom = useStore((s) => s.transform[2]);
  const { selectSession } = useActions();
  const scale = Math.min(MAX_COUNTER_SCALE, Math.max(1, 1 / zoom));
  const session = data?.session;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={0} />
      {data?.badge && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`conflict-badge conflict-badge--${data.conflictKind ?? 'soft-overlap'} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${midX}px, ${midY}px) scale(${scale})` }}
            title={data.nextAction}
            data-testid={`conflict-badge:${id}`}
            onClick={() => session && selectSession(session)}
          >
            {data.badge}
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
