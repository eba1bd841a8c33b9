import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { AppEdge, GraphEdgeData } from '../graph/graph-types';

/** Where a dragged grip's line runs, in pixels from the graph view's top-left corner. */
export interface HandOverLine {
  from: { x: number; y: number };
  to: { x: number; y: number };
}

/** The session node under a point on screen, whatever is drawn above it. */
function sessionAt(x: number, y: number): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const node = element.closest<HTMLElement>('[data-testid=session-node]');
    if (node?.dataset.session) return node.dataset.session;
  }
  return null;
}

/**
 * Dragging the grip of a lease or task-ownership edge onto another session: lights up the session
 * under the pointer and, on release over one, hands what the edge carries to it (`onDrop` gets the
 * edge's data). Esc cancels. One listener for the whole graph (pointer-down, capture phase), so a
 * thousand edges cost nothing until one is grabbed.
 */
export function useHandOverDrag(
  edges: readonly AppEdge[],
  onDrop: (edge: GraphEdgeData, to: string) => void,
  onOver: (sessionId: string | null) => void,
): { line: HandOverLine | null; onPointerDownCapture: (event: ReactPointerEvent<HTMLElement>) => void } {
  const [line, setLine] = useState<HandOverLine | null>(null);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const onPointerDownCapture = (down: ReactPointerEvent<HTMLElement>) => {
    const grip = down.button === 0 ? (down.target as Element).closest<SVGElement>('[data-hand-over-edge]') : null;
    const data = grip ? edges.find((e) => e.id === grip.dataset.handOverEdge)?.data : undefined;
    if (!grip || !data?.session) return;
    const holder = data.session;
    // The pane would pan and the edge would select: this drag is ours alone.
    down.stopPropagation();
    down.preventDefault();
    const box = down.currentTarget.getBoundingClientRect();
    const at = (x: number, y: number) => ({ x: x - box.left, y: y - box.top });
    const from = at(down.clientX, down.clientY);
    setLine({ from, to: from });

    const onMove = (move: PointerEvent) => {
      setLine({ from, to: at(move.clientX, move.clientY) });
      const over = sessionAt(move.clientX, move.clientY);
      onOver(over === holder ? null : over);
    };
    const finish = (target: string | null) => {
      stop.current?.();
      if (target !== null && target !== holder) onDrop(data, target);
    };
    const onUp = (up: PointerEvent) => finish(sessionAt(up.clientX, up.clientY));
    const onKey = (key: KeyboardEvent) => {
      if (key.key === 'Escape') finish(null);
    };
    stop.current = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('keydown', onKey);
      stop.current = null;
      setLine(null);
      onOver(null);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('keydown', onKey);
  };

  return { line, onPointerDownCapture };
}
