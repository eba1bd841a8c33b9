import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/renderer/src/graph/build-graph';
import { miniMapClass } from '../../../src/renderer/src/graph/minimap-class';
import { NO_FILTERS } from '../../../src/renderer/src/store/view-state';
import { conflict, lease, session, task } from './fixtures';

describe('the minimap', () => {
  it('draws sessions by status and assets in conflict, and hides the quiet assets and tasks', () => {
    const graph = buildGraph(
      {
        sessions: [session('s1', { status: 'blocked' }), session('s2')],
        tasks: [task('t1', 's1')],
        leases: [lease('l1', 's1', 'src/auth/**'), lease('l2', 's2', 'docs/*.md')],
        conflicts: [conflict('c1', 'stale-base', ['s1'], ['README.md'])],
        approvals: [],
        changedPaths: {},
      },
      NO_FILTERS,
    );
    const classes = Object.fromEntries(graph.nodes.map((node) => [node.id, miniMapClass(node)]));
    expect(classes).toMatchObject({
      'session:s1': 'minimap-node minimap-node--blocked',
      'session:s2': 'minimap-node minimap-node--active',
      'asset:path:README.md': 'minimap-node minimap-node--conflict',
      'asset:path:docs/*.md': 'minimap-node minimap-node--quiet',
      'task:t1': 'minimap-node minimap-node--quiet',
    });
  });
});
