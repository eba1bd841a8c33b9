import { useEffect, type RefObject } from 'react';

/** Narrower or wider than this, in pixels, and the graph is fitted again; smaller jitter is ignored. */
const MIN_CHANGE = 24;

/**
 * Calls `fit` when the element's width changes — the detail panel opening or closing beside the
 * graph, a window resize — so no node is left hidden past the edge. It waits a frame so the graph
 * library has measured its new size first.
 */
export function useFitOnResize(element: RefObject<HTMLElement | null>, fit: () => void): void {
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    let width = target.clientWidth;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      if (Math.abs(target.clientWidth - width) < MIN_CHANGE) return;
      width = target.clientWidth;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [element, fit]);
}
