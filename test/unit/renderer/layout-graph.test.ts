import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/renderer/src/graph/build-graph';
import { NODE_SIZE, type AppNode, type GraphInput } from '../../../src/renderer/src/graph/graph-types';
import { keepUnchanged } from '../../../src/renderer/src/graph/keep-unchanged';
import { DAGRE_MAX_NODES, layoutGraph, type Positions } from '../../../src/renderer/src/graph/layout-graph';
import { NO_FILTERS } from '../../../src/renderer/src/store/view-state';
import { lease, session, task } from './fixtures';

function graphOf(patch: Partial<GraphInput>) {
  return buildGraph({ sessions: [], tasks: [], leases: [], conflicts: [], approvals: [], changedPaths: {}, ...patch }, NO_FILTERS);
}

function positions(nodes: AppNode[]): Record<string, { x: number; y: number }> {
  return Object.fromEntries(nodes.map((n) => [n.id, n.position]));
}

function overlapping(nodes: AppNode[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [i, a] of nodes.entries()) {
    for (const b of nodes.slice(i + 1)) {
      const as = NODE_SIZE[a.type];
      const bs = NODE_SIZE[b.type];
      const apart =
        a.position.x + as.width <= b.position.x ||
        b.position.x + bs.width <= a.position.x ||
        a.position.y + as.height <= b.position.y ||
        b.position.y + bs.height <= a.position.y;
      if (!apart) pairs.push([a.id, b.id]);
    }
  }
  return pairs;
}

const small = graphOf({
  sessions: [session('s1'), session('s2')],
  leases: [lease('l1', 's1', 'src/a/**'), lease('l2', 's2', 'src/b/**')],
  tasks: [task('t1', 's1')],
});

const grown = graphOf({
  sessions: [session('s1'), session('s2'), session('s3')],
  leases: [lease('l1', 's1', 'src/a/**'), lease('l2', 's2', 'src/b/**'), lease('l3', 's1', 'src/c/**'), lease('l4', 's3', 'src/d/**')],
  tasks: [task('t1', 's1'), task('t2', 's3')],
});

describe('layoutGraph', () => {
  it('lays out a fresh graph left to right without overlaps', () => {
    const nodes = layoutGraph(small.nodes, small.edges, {});
    expect(overlapping(nodes)).toEqual([]);
    const at = positions(nodes);
    expect(at['asset:path:src/a/**']!.x).toBeGreaterThan(at['session:s1']!.x);
  });

  it('handles an empty graph', () => {
    expect(layoutGraph([], [], {})).toEqual([]);
  });

  it('is deterministic', () => {
    expect(layoutGraph(grown.nodes, grown.edges, {})).toEqual(layoutGraph(grown.nodes, grown.edges, {}));
  });

  const previousCases: { name: string; previous: () => Positions }[] = [
    { name: 'after its own earlier layout', previous: () => positions(layoutGraph(small.nodes, small.edges, {})) },
    {
      name: 'after the lead dragged nodes far away',
      previous: () => ({
        'session:s1': { x: 1000, y: -400 },
        'session:s2': { x: -300, y: 900 },
        'task:t1': { x: 1300, y: -400 },
        'asset:path:src/a/**': { x: 1300, y: -250 },
        'asset:path:src/b/**': { x: 0, y: 900 },
      }),
    },
  ];

  it.each(previousCases)('keeps every known node where it was, $name, and places new ones clear of them', ({ previous }) => {
    const before = previous();
    const nodes = layoutGraph(grown.nodes, grown.edges, before);
    const at = positions(nodes);
    for (const [id, position] of Object.entries(before)) expect(at[id]).toEqual(position);
    expect(overlapping(nodes)).toEqual([]);
    expect(Object.keys(at).sort()).toEqual(grown.nodes.map((n) => n.id).sort());
  });

  it('puts a new node near the neighbour that stayed', () => {
    const before = { 'session:s1': { x: 5000, y: 5000 } };
    const graph = graphOf({ sessions: [session('s1')], leases: [lease('l1', 's1', 'x/**')] });
    const asset = layoutGraph(graph.nodes, graph.edges, before).find((n) => n.type === 'asset')!;
    expect(Math.abs(asset.position.x - 5000)).toBeLessThan(600);
    expect(Math.abs(asset.position.y - 5000)).toBeLessThan(300);
  });

  it('ignores remembered positions of nodes that are gone', () => {
    const nodes = layoutGraph(small.nodes, small.edges, { 'session:gone': { x: 1, y: 2 } });
    expect(nodes.map((n) => n.id)).toEqual(small.nodes.map((n) => n.id));
    expect(overlapping(nodes)).toEqual([]);
  });

  it('does not modify its inputs', () => {
    const copy = structuredClone(small);
    layoutGraph(small.nodes, small.edges, {});
    expect(small).toEqual(copy);
  });
});

/** A board past the dagre limit: `sessions` sessions, each asset written by one and read by another. */
function busyBoard(sessionCount: number, assets: number) {
  const sessions = Array.from({ length: sessionCount }, (_, i) => session(`s${i + 1}`));
  const leases = Array.from({ length: assets }, (_, a) => [
    lease(`w${a}`, `s${(a % sessionCount) + 1}`, `pkg${a}/src/**`, 'write'),
    lease(`r${a}`, `s${((a + 7) % sessionCount) + 1}`, `pkg${a}/src/**`, 'read'),
  ]).flat();
  return graphOf({ sessions, leases, tasks: [task('t1', 's1'), task('t2', 's2', { blockedBy: ['t1'] })] });
}

describe('layoutGraph on a large board', () => {
  const busy = busyBoard(20, 500);

  it('lays out twenty sessions with forty changed files each fast, without overlaps', () => {
    const sessions = Array.from({ length: 20 }, (_, i) => session(`s${i + 1}`));
    const changedPaths = Object.fromEntries(sessions.map((s, i) => [s.id, Array.from({ length: 40 }, (_, f) => `pkg${i}/src/part${f % 4}/file${f}.ts`)]));
    const started = performance.now();
    const graph = graphOf({ sessions, changedPaths });
    const nodes = layoutGraph(graph.nodes, graph.edges, {});
    expect(performance.now() - started).toBeLessThan(500);
    expect(nodes).toHaveLength(100);
    expect(overlapping(nodes)).toEqual([]);
  });

  it(`switches to the layered layout past ${DAGRE_MAX_NODES} nodes and stays fast`, () => {
    expect(busy.nodes.length).toBeGreaterThan(DAGRE_MAX_NODES);
    const started = performance.now();
    const nodes = layoutGraph(busy.nodes, busy.edges, {});
    expect(performance.now() - started).toBeLessThan(500);
    expect(overlapping(nodes)).toEqual([]);
  });

  it('puts sessions first, what they hold to the right, and a blocked task right of its blocker', () => {
    const at = positions(layoutGraph(busy.nodes, busy.edges, {}));
    const sessionsRight = Math.max(...busy.nodes.filter((n) => n.type === 'session').map((n) => at[n.id]!.x + NODE_SIZE.session.width));
    for (const node of busy.nodes.filter((n) => n.type !== 'session')) expect(at[node.id]!.x).toBeGreaterThan(sessionsRight);
    expect(at['task:t2']!.x).toBeGreaterThan(at['task:t1']!.x);
  });

  it('folds a long column into a block near square rather than one tall strip', () => {
    const nodes = layoutGraph(busy.nodes, busy.edges, {});
    const assets = nodes.filter((n) => n.type === 'asset');
    const xs = new Set(assets.map((n) => n.position.x));
    const height = Math.max(...assets.map((n) => n.position.y)) - Math.min(...assets.map((n) => n.position.y));
    expect(xs.size).toBeGreaterThan(1);
    expect(height).toBeLessThan(assets.length * NODE_SIZE.asset.height);
  });

  it('is deterministic', () => {
    expect(layoutGraph(busy.nodes, busy.edges, {})).toEqual(layoutGraph(busy.nodes, busy.edges, {}));
  });

  it('survives tasks that block each other in a cycle', () => {
    const cyclic = graphOf({
      sessions: Array.from({ length: DAGRE_MAX_NODES }, (_, i) => session(`s${i + 1}`)),
      tasks: [task('t1', 's1', { blockedBy: ['t2'] }), task('t2', 's1', { blockedBy: ['t1'] })],
    });
    expect(overlapping(layoutGraph(cyclic.nodes, cyclic.edges, {}))).toEqual([]);
  });
});

describe('keepUnchanged', () => {
  it('returns the previous array itself when nothing changed, so the graph library skips the update', () => {
    const before = busyBoard(3, 5).edges;
    expect(keepUnchanged(before, structuredClone(before))).toBe(before);
    const changed = structuredClone(before);
    changed[0] = { ...changed[0]!, className: 'other' };
    const kept = keepUnchanged(before, changed);
    expect(kept).not.toBe(before);
    expect(kept[1]).toBe(before[1]);
    expect(kept[0]).toBe(changed[0]);
  });
});
