import { NODE_SIZE, type AppNode } from './graph-types';

/**
 * The session an asset or task is being dropped on: the session node whose box holds its centre.
 * Positions are flow coordinates; sizes are what the node measured to, or its layout footprint.
 */
export function sessionUnder(dragged: AppNode, nodes: readonly AppNode[]): string | null {
  if (dragged.type === 'session') return null;
  const size = sizeOf(dragged);
  const centre = { x: dragged.position.x + size.width / 2, y: dragged.position.y + size.height / 2 };
  for (const node of nodes) {
    if (node.type !== 'session') continue;
    const box = sizeOf(node);
    const inside =
      centre.x >= node.position.x &&
      centre.x <= node.position.x + box.width &&
      centre.y >= node.position.y &&
      centre.y <= node.position.y + box.height;
    if (inside) return node.data.sessionId;
  }
  return null;
}

function sizeOf(node: AppNode): { width: number; height: number } {
  return {
    width: node.measured?.width ?? NODE_SIZE[node.type].width,
    height: node.measured?.height ?? NODE_SIZE[node.type].height,
  };
}
