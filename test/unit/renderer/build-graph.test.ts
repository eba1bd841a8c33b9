import { describe, expect, it } from 'vitest';
import { assetKeys, folderOf } from '../../../src/renderer/src/graph/asset-keys';
import { buildGraph } from '../../../src/renderer/src/graph/build-graph';
import { conflictBadge } from '../../../src/renderer/src/graph/conflict-badge';
import type { GraphInput } from '../../../src/renderer/src/graph/graph-types';
import { NO_FILTERS, type Filters } from '../../../src/renderer/src/store/view-state';
import { approval, conflict, lease, session, task } from './fixtures';

function input(patch: Partial<GraphInput>): GraphInput {
  return { sessions: [], tasks: [], leases: [], conflicts: [], approvals: [], changedPaths: {}, ...patch };
}

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

const twoSessions = input({
  sessions: [session('s1', { status: 'blocked', title: 'Fix login' }), session('s2', { owner: 'bob' })],
  leases: [lease('l1', 's1', 'src/auth/**'), lease('l2', 's2', 'src/auth/**', 'read'), lease('l3', 's2', 'docs/*.md')],
  tasks: [task('t1', 's1'), task('t2', 's2', { blockedBy: ['t1'] }), task('t3', null)],
  conflicts: [
    conflict('c1', 'soft-overlap', ['s1', 's2'], ['src/auth/a.ts'], { nextAction: 'sequence the merges' }),
    conflict('c2', 'stale-base', ['s1'], ['src/auth/a.ts', 'src/auth/b.ts']),
    conflict('c3', 'hard-collision', ['s1', 's2'], [], { state: 'resolved' }),
  ],
  approvals: [approval('a1', 's1'), approval('a2', 's1', { state: 'approved' })],
});

describe('buildGraph', () => {
  const cases: { name: string; input: GraphInput; filters?: Partial<Filters>; nodes: string[]; edges: string[] }[] = [
    { name: 'empty board', input: input({}), nodes: [], edges: [] },
    {
      name: 'sessions, tasks, leased patterns, conflict files and every kind of edge',
      input: twoSessions,
      nodes: [
        'asset:path:docs/*.md',
        'asset:path:src/auth/**',
        'asset:path:src/auth/a.ts',
        'asset:path:src/auth/b.ts',
        'session:s1',
        'session:s2',
        'task:t1',
        'task:t2',
        'task:t3',
      ],
      edges: [
        'blocked-by:t2:t1',
        'conflict:c1:s2',
        'conflict:c2:path:src/auth/a.ts',
        'conflict:c2:path:src/auth/b.ts',
        'lease:s1:path:src/auth/**',
        'lease:s2:path:docs/*.md',
        'lease:s2:path:src/auth/**',
        'owns:t1',
        'owns:t2',
      ],
    },
    {
      name: 'status filter keeps matching sessions and what hangs off them; drops unowned tasks',
      input: twoSessions,
      filters: { statuses: ['active'] },
      nodes: ['asset:path:docs/*.md', 'asset:path:src/auth/**', 'session:s2', 'task:t2'],
      edges: ['lease:s2:path:docs/*.md', 'lease:s2:path:src/auth/**', 'owns:t2'],
    },
    {
      name: 'conflict kind filter keeps only sessions in such a conflict, and only those edges',
      input: twoSessions,
      filters: { conflictKinds: ['stale-base'] },
      nodes: ['asset:path:src/auth/**', 'asset:path:src/auth/a.ts', 'asset:path:src/auth/b.ts', 'session:s1', 'task:t1'],
      edges: ['conflict:c2:path:src/auth/a.ts', 'conflict:c2:path:src/auth/b.ts', 'lease:s1:path:src/auth/**', 'owns:t1'],
    },
    {
      name: 'session filter',
      input: twoSessions,
      filters: { sessionIds: ['s1'] },
      nodes: ['asset:path:src/auth/**', 'asset:path:src/auth/a.ts', 'asset:path:src/auth/b.ts', 'session:s1', 'task:t1'],
      edges: ['conflict:c2:path:src/auth/a.ts', 'conflict:c2:path:src/auth/b.ts', 'lease:s1:path:src/auth/**', 'owns:t1'],
    },
    {
      name: 'search matches owner and leased patterns, case-insensitively',
      input: twoSessions,
      filters: { search: 'DOCS/' },
      nodes: ['asset:path:docs/*.md', 'asset:path:src/auth/**', 'session:s2', 'task:t2'],
      edges: ['lease:s2:path:docs/*.md', 'lease:s2:path:src/auth/**', 'owns:t2'],
    },
  ];

  it.each(cases)('$name', ({ input: given, filters, nodes, edges }) => {
    const graph = buildGraph(given, { ...NO_FILTERS, ...filters });
    expect(ids(graph.nodes)).toEqual(nodes);
    expect(ids(graph.edges)).toEqual(edges);
  });

  it('puts what the lead needs on the session node', () => {
    const s1 = buildGraph(twoSessions, NO_FILTERS).nodes.find((n) => n.id === 'session:s1')!;
    expect(s1.type).toBe('session');
    expect(s1.data).toMatchObject({ sessionId: 's1', title: 'Fix login', status: 'blocked', pendingApprovals: 1, conflictKinds: ['stale-base', 'soft-overlap'] });
    expect(s1.data).toMatchObject({ lastTest: null, baseBehind: null });
    const tested = session('s1', { lastSuccessfulTest: { at: '2025-01-01T09:00:00Z', commit: 'abc', command: 'npm test' }, baseBehind: 3 });
    const node = buildGraph(input({ sessions: [tested] }), NO_FILTERS).nodes[0]!;
    expect(node.data).toMatchObject({ lastTest: { at: '2025-01-01T09:00:00Z', command: 'npm test' }, baseBehind: 3 });
  });

  it('colours conflict edges by kind, badges them with the next action (in full on the data), and animates only hard collisions', () => {
    const stop = 'Stop s3 writing src/shared/money.ts (leased to s1 as src/shared/**); reassign the lease or sequence the merges';
    const collision = input({
      sessions: [session('s1'), session('s2'), session('s3')],
      conflicts: [
        conflict('c1', 'hard-collision', ['s1', 's2', 's3'], ['a.ts'], { nextAction: stop }),
        conflict('c2', 'soft-overlap', ['s2', 's3'], ['b.ts'], { nextAction: 'Watch: merge s2 before s3' }),
      ],
    });
    const edges = buildGraph(collision, NO_FILTERS).edges;
    expect(edges.map((e) => [e.id, e.type, e.source, e.target, e.className, e.data?.badge, e.animated])).toEqual([
      ['conflict:c1:s2', 'conflict', 'session:s1', 'session:s2', 'edge-conflict edge-conflict--hard-collision', 'Stop s3 writing src/sha…', true],
      ['conflict:c1:s3', 'conflict', 'session:s1', 'session:s3', 'edge-conflict edge-conflict--hard-collision', 'Stop s3 writing src/sha…', true],
      ['conflict:c2:s3', 'conflict', 'session:s2', 'session:s3', 'edge-conflict edge-conflict--soft-overlap', 'Watch', false],
    ]);
    expect(edges[0]!.data).toMatchObject({ nextAction: stop, session: 's1', conflictId: 'c1' });
    expect(edges.every((e) => e.label === undefined)).toBe(true);
  });

  it.each([
    ['Watch: merge s1 before s2', 'Watch'],
    ['Rebase s2 onto main (dry run: clean)', 'Rebase s2 onto main'],
    ["Check s1's edits outside its scope (docs/a.md); widen the scope", "Check s1's edits outsid…"],
    ['main was rewritten and no longer contains s1\'s base: rebase s1', 'main was rewritten and…'],
    ['stop', 'stop'],
  ])('badge for %j is %j', (nextAction, badge) => {
    expect(conflictBadge(nextAction)).toBe(badge);
    expect(badge.length).toBeLessThanOrEqual(24);
  });

  it('marks an asset contested when two sessions hold it and one writes; one edge per session and asset', () => {
    const graph = buildGraph(
      input({
        sessions: [session('s1'), session('s2')],
        leases: [lease('l1', 's1', 'a/**', 'read'), lease('l2', 's1', 'a/**', 'write'), lease('l3', 's2', 'a/**', 'read')],
      }),
      NO_FILTERS,
    );
    const asset = graph.nodes.find((n) => n.type === 'asset')!;
    expect(asset.data).toMatchObject({ contested: true, holders: [{ session: 's1', mode: 'write' }, { session: 's2', mode: 'read' }] });
    expect(graph.edges.map((e) => [e.id, e.className])).toEqual([
      ['lease:s1:path:a/**', 'edge-lease edge-lease--write'],
      ['lease:s2:path:a/**', 'edge-lease edge-lease--read'],
    ]);
  });

  it('groups many paths by folder into one asset node', () => {
    const patterns = Array.from({ length: 14 }, (_, i) => `src/core/file${i}.ts`);
    const graph = buildGraph(
      input({ sessions: [session('s1')], leases: [...patterns.map((p, i) => lease(`l${i}`, 's1', p)), lease('lx', 's1', 'README.md')] }),
      NO_FILTERS,
    );
    const assets = graph.nodes.filter((n) => n.type === 'asset');
    expect(assets.map((a) => a.id)).toEqual(['asset:dir:src/core/', 'asset:path:README.md']);
    expect(assets[0]!.data).toMatchObject({ label: 'src/core/', grouped: true });
    expect(graph.edges.map((e) => e.id)).toEqual(['lease:s1:dir:src/core/', 'lease:s1:path:README.md']);
  });

  it('draws leases as lease edges that carry their holder and the patterns a hand-over moves', () => {
    const graph = buildGraph(
      input({
        sessions: [session('s1'), session('s2')],
        leases: [lease('l1', 's1', 'a/**', 'read'), lease('l2', 's1', 'a/**', 'write'), lease('l3', 's2', 'a/**', 'read')],
      }),
      NO_FILTERS,
    );
    expect(graph.edges.map((e) => [e.id, e.type, e.data?.session, e.data?.patterns])).toEqual([
      ['lease:s1:path:a/**', 'hand-over', 's1', ['a/**']],
      ['lease:s2:path:a/**', 'hand-over', 's2', ['a/**']],
    ]);
    const patterns = Array.from({ length: 14 }, (_, i) => `src/core/file${i}.ts`);
    const grouped = buildGraph(input({ sessions: [session('s1')], leases: patterns.map((p, i) => lease(`l${i}`, 's1', p)) }), NO_FILTERS);
    expect(grouped.edges[0]!.data?.patterns).toEqual([...patterns].sort());
  });

  it('puts the version of every lease on a dragged edge’s or asset’s patterns on it, a filtered-out holder’s too', () => {
    const graph = buildGraph(
      input({
        sessions: [session('s1'), session('s2')],
        leases: [{ ...lease('l1', 's1', 'a/**', 'read'), version: 3 }, { ...lease('l2', 's2', 'a/**', 'read'), version: 5 }],
      }),
      { ...NO_FILTERS, sessionIds: ['s1'] },
    );
    const drawn = [{ id: 'l1', pattern: 'a/**', session: 's1', version: 3 }, { id: 'l2', pattern: 'a/**', session: 's2', version: 5 }];
    expect(graph.edges.find((e) => e.id === 'lease:s1:path:a/**')?.data?.drawn).toEqual(drawn);
    const asset = graph.nodes.find((n) => n.id === 'asset:path:a/**');
    expect(asset?.type === 'asset' && asset.data.drawn).toEqual(drawn);
  });

  it('draws task ownership as an edge with a grip that carries the owner and the task a drag moves', () => {
    const graph = buildGraph(input({ sessions: [session('s1')], tasks: [task('t1', 's1'), task('t2', null)] }), NO_FILTERS);
    expect(graph.edges.map((e) => [e.id, e.type, e.data])).toEqual([['owns:t1', 'hand-over', { relation: 'owns', session: 's1', taskId: 't1' }]]);
  });

  it('shows each session\'s changed files as assets with an edge from it, unless a lease already joins them', () => {
    const graph = buildGraph(
      input({
        sessions: [session('s1'), session('s2')],
        leases: [lease('l1', 's1', 'src/a.ts')],
        changedPaths: { s1: ['src/a.ts', 'README.md'], s2: ['src/a.ts'], s9: ['ghost.ts'] },
      }),
      NO_FILTERS,
    );
    expect(ids(graph.nodes.filter((n) => n.type === 'asset'))).toEqual(['asset:path:README.md', 'asset:path:src/a.ts']);
    expect(ids(graph.edges)).toEqual(['changes:s1:path:README.md', 'changes:s2:path:src/a.ts', 'lease:s1:path:src/a.ts']);
    const shared = graph.nodes.find((n) => n.id === 'asset:path:src/a.ts');
    expect(shared?.type === 'asset' && shared.data.changedBy).toEqual(['s1', 's2']);
  });

  it('groups many changed files by folder, so twenty sessions with forty files each stay a few hundred nodes', () => {
    const sessions = Array.from({ length: 20 }, (_, i) => session(`s${i + 1}`));
    const changedPaths = Object.fromEntries(
      sessions.map((s, i) => [s.id, Array.from({ length: 40 }, (_, f) => `pkg${i}/src/part${f % 4}/file${f}.ts`)]),
    );
    const graph = buildGraph(input({ sessions, changedPaths }), NO_FILTERS);
    const assets = graph.nodes.filter((n) => n.type === 'asset');
    expect(assets).toHaveLength(80);
    expect(assets.every((n) => n.type === 'asset' && n.data.grouped && n.data.paths.length === 10)).toBe(true);
    expect(graph.edges.filter((e) => e.data?.relation === 'changes')).toHaveLength(80);
  });

  it('is pure: same input, same output; input untouched', () => {
    const frozen = structuredClone(twoSessions);
    expect(buildGraph(twoSessions, NO_FILTERS)).toEqual(buildGraph(twoSessions, NO_FILTERS));
    expect(twoSessions).toEqual(frozen);
  });
});

describe('folderOf', () => {
  it.each([
    ['src/core/db/*.ts', 'src/core/db/'],
    ['src/a.ts', 'src/'],
    ['src/a*', 'src/'],
    ['src/**', 'src/'],
    ['**/*.md', ''],
    ['README.md', ''],
    ['src/{a,b}/x.ts', 'src/'],
  ])('%s → %s', (path, folder) => expect(folderOf(path)).toBe(folder));
});

describe('assetKeys', () => {
  it('keeps each path its own key up to the threshold', () => {
    expect([...assetKeys(['a/1', 'a/2'], 2).values()]).toEqual(['path:a/1', 'path:a/2']);
  });
  it('groups paths sharing a folder past the threshold, leaving loners alone', () => {
    expect(Object.fromEntries(assetKeys(['a/1', 'a/2', 'b/1'], 2))).toEqual({ 'a/1': 'dir:a/', 'a/2': 'dir:a/', 'b/1': 'path:b/1' });
  });
});
