import type { AppNode } from './graph-types';

/**
 * How a node shows in the minimap. The minimap redraws on every pan frame, so it draws the
 * landmarks only — sessions by status, assets in conflict — and hides the quiet assets and tasks.
 */
export function miniMapClass(node: AppNode): string {
  if (node.type === 'session') return `minimap-node minimap-node--${node.data.status}`;
  if (node.type === 'asset' && (node.data.contested || node.data.conflictKind)) return 'minimap-node minimap-node--conflict';
  return 'minimap-node minimap-node--quiet';
}
