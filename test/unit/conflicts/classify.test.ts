import { describe, expect, it } from 'vitest';
import {
  classifyContract,
  classifyPair,
  classifyStaleBase,
  sharedChanges,
  type LeaseFact,
  type MergeOutcome,
  type SessionFacts,
  type UpstreamFacts,
} from '../../../src/core/conflicts/classify';
import { conflictKey, scopeOfKey, sortSessionIds } from '../../../src/core/conflicts/conflict-key';
import { listPaths } from '../../../src/core/conflicts/next-action';

function session(id: string, facts: Partial<SessionFacts> = {}): SessionFacts {
  const n = Number(id.slice(1));
  return {
    id,
    owner: `owner-of-${id}`,
    createdAt: `2025-01-01T00:00:${String(n).padStart(2, '0')}.000Z`,
    changes: [],
    leases: [],
    scope: [],
    forbidden: [],
    ...facts,
  };
}

const write = (pattern: string): LeaseFact => ({ pattern, mode: 'write' });
const read = (pattern: string): LeaseFact => ({ pattern, mode: 'read' });
const clean: MergeOutcome = { result: 'clean' };
const conflict = (...paths: string[]): MergeOutcome => ({ result: 'conflict', paths });

describe('classifyPair', () => {
  const cases: {
    name: string;
    a: Partial<SessionFacts>;
    b: Partial<SessionFacts>;
    merge?: MergeOutcome;
    expected: Partial<ReturnType<typeof classifyPair>[number]> | null;
  }[] = [
    { name: 'disjoint changes: nothing', a: { changes: ['a.ts'] }, b: { changes: ['b.ts'] }, expected: null },
    {
      name: 'shared file, clean merge: soft overlap, the later session’s owner resolves',
      a: { changes: ['a.ts', 'shared.ts'] },
      b: { changes: ['shared.ts'] },
      merge: clean,
      expected: { kind: 'soft-overlap', paths: ['shared.ts'], resolver: 'owner-of-s5', nextAction: 'Watch: merge s2 before s5', state: 'open' },
    },
    {
      name: 'shared file, textual conflict: hard collision for the lead',
      a: { changes: ['shared.ts'] },
      b: { changes: ['shared.ts'] },
      merge: conflict('shared.ts'),
      expected: {
        kind: 'hard-collision',
        paths: ['shared.ts'],
        resolver: 'lead',
        nextAction: 'Stop s5 editing shared.ts (conflicts with s2); merge s2 first and rebase s5, or reassign the files',
        state: 'open',
      },
    },
    {
      name: 'merge-tree exit 1 with no file named: still a hard collision',
      a: { changes: ['shared.ts'] },
      b: { changes: ['shared.ts'] },
      merge: conflict(),
      expected: {
        kind: 'hard-collision',
        paths: ['shared.ts'],
        nextAction: 'Stop s5: its work conflicts with s2, though git named no file; merge s2 first and rebase s5, or reassign the work',
      },
    },
    {
      name: 'git’s side path for a file/directory conflict is not shown',
      a: { changes: ['x', 'x/inside.txt'] },
      b: { changes: ['x'] },
      merge: conflict('x', 'x~0123abcd'),
      expected: { kind: 'hard-collision', paths: ['x'] },
    },
    {
      name: 'merge-tree unknown: never clean, a hard collision needing a human decision',
      a: { changes: ['shared.ts'] },
      b: { changes: ['shared.ts'] },
      merge: { result: 'unknown', reason: 'git merge-tree failed (fatal: out of memory)' },
      expected: {
        kind: 'hard-collision',
        state: 'human-decision-required',
        resolver: 'lead',
        nextAction: 'Could not compare s2 and s5: git merge-tree failed (fatal: out of memory); check manually',
      },
    },
    {
      name: 'shared files but no merge outcome given: unknown, not clean',
      a: { changes: ['shared.ts'] },
      b: { changes: ['shared.ts'] },
      expected: { kind: 'hard-collision', state: 'human-decision-required' },
    },
    {
      name: 'write leases that overlap: hard collision naming the later writer',
      a: { leases: [write('db/**')] },
      b: { leases: [write('db/migrations/*.sql')] },
      expected: {
        kind: 'hard-collision',
        paths: ['db/**', 'db/migrations/*.sql'],
        nextAction: 'Stop s5 writing db/migrations/*.sql; reassign the lease or sequence the merges',
        state: 'open',
      },
    },
    {
      name: 'globs that overlap without sharing a prefix (src/a* and src/*.ts)',
      a: { leases: [write('src/a*')] },
      b: { leases: [write('src/*.ts')] },
      expected: { kind: 'hard-collision' },
    },
    { name: 'write leases that cannot meet: nothing', a: { leases: [write('src/**')] }, b: { leases: [write('docs/**')] }, expected: null },
    {
      name: 'a read lease meets a write lease: soft overlap',
      a: { leases: [read('api/**')] },
      b: { leases: [write('api/routes.ts')] },
      expected: { kind: 'soft-overlap', paths: ['api/**', 'api/routes.ts'], resolver: 'owner-of-s5' },
    },
    { name: 'two read leases: nothing', a: { leases: [read('api/**')] }, b: { leases: [read('api/**')] }, expected: null },
    {
      name: 'the earlier session writes inside the later one’s write lease: the writer is named',
      a: { changes: ['db/001.sql'] },
      b: { leases: [write('db/**')] },
      expected: {
        kind: 'hard-collision',
        paths: ['db/001.sql'],
        nextAction: 'Stop s2 writing db/001.sql (leased to s5 as db/**); reassign the lease or sequence the merges',
      },
    },
    {
      name: 'a change inside the other’s read lease: soft overlap',
      a: { leases: [read('docs/**')] },
      b: { changes: ['docs/guide.md'] },
      expected: { kind: 'soft-overlap', paths: ['docs/guide.md'] },
    },
    {
      name: 'hard evidence wins, the soft evidence joins its paths; of shared files, the conflicted ones',
      a: { changes: ['shared.ts', 'clean.ts'], leases: [read('api/**')] },
      b: { changes: ['shared.ts', 'clean.ts'], leases: [write('api/x.ts')] },
      merge: conflict('shared.ts'),
      expected: { kind: 'hard-collision', paths: ['api/**', 'api/x.ts', 'shared.ts'] },
    },
  ];

  for (const { name, a, b, merge, expected } of cases) {
    it(name, () => {
      const one = session('s2', a);
      const two = session('s5', b);
      const found = classifyPair(one, two, merge ?? null);
      if (expected === null) {
        expect(found).toEqual([]);
      } else {
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ sessions: ['s2', 's5'], ...expected });
        // The same answer whichever way round the pair is given.
        expect(classifyPair(two, one, merge ?? null)).toEqual(found);
      }
    });
  }

  it('orders by creation, not by id, to decide who gives way', () => {
    const older = session('s10', { createdAt: '2025-01-01T00:00:00.000Z', changes: ['a.ts'] });
    const newer = session('s9', { createdAt: '2025-01-02T00:00:00.000Z', changes: ['a.ts'] });
    const [found] = classifyPair(older, newer, clean);
    expect(found).toMatchObject({ sessions: ['s9', 's10'], nextAction: 'Watch: merge s10 before s9', resolver: 'owner-of-s9' });
  });

  it('keys a pair’s conflict by kind, sorted sessions and cause, so it is updated, not duplicated', () => {
    const [soft] = classifyPair(session('s10', { changes: ['a'] }), session('s9', { changes: ['a'] }), clean);
    expect(soft!.key).toBe('soft-overlap:s9+s10:pair');
    const [hard] = classifyPair(session('s10', { changes: ['a', 'b'] }), session('s9', { changes: ['a', 'b'] }), conflict('b'));
    expect(hard!.key).toBe('hard-collision:s9+s10:pair');
  });
});

describe('sharedChanges', () => {
  it('finds the same path, and a file against a directory of the same name', () => {
    const a = session('s1', { changes: ['docs/x', 'same.ts', 'mine.ts'] });
    const b = session('s2', { changes: ['docs/x/guide.md', 'same.ts', 'theirs.ts'] });
    expect(sharedChanges(a, b)).toEqual(['docs/x', 'docs/x/guide.md', 'same.ts']);
    expect(sharedChanges(b, a)).toEqual(sharedChanges(a, b));
    expect(sharedChanges(session('s1', { changes: ['docs/xy'] }), session('s2', { changes: ['docs/x/a'] }))).toEqual([]);
  });
});

describe('classifyContract', () => {
  const cases: { name: string; facts: Partial<SessionFacts>; expected: { kind: string; paths: string[]; resolver: string }[] }[] = [
    { name: 'no contract: nothing', facts: { changes: ['anything.ts'] }, expected: [] },
    {
      name: 'a forbidden edit: hard collision with the contract',
      facts: { changes: ['src/a.ts', '.env'], forbidden: ['.env', 'secrets/**'] },
      expected: [{ kind: 'hard-collision', paths: ['.env'], resolver: 'lead' }],
    },
    {
      name: 'an edit outside the scope: soft overlap with the contract',
      facts: { changes: ['src/a.ts', 'docs/b.md'], scope: ['src/**'] },
      expected: [{ kind: 'soft-overlap', paths: ['docs/b.md'], resolver: 'owner-of-s3' }],
    },
    {
      name: 'both at once',
      facts: { changes: ['src/a.ts', 'secrets/k'], scope: ['src/**'], forbidden: ['secrets/**'] },
      expected: [
        { kind: 'hard-collision', paths: ['secrets/k'], resolver: 'lead' },
        { kind: 'soft-overlap', paths: ['secrets/k'], resolver: 'owner-of-s3' },
      ],
    },
    { name: 'everything inside the scope: nothing', facts: { changes: ['src/a.ts'], scope: ['src/**'] }, expected: [] },
  ];
  for (const { name, facts, expected } of cases) {
    it(name, () => {
      const found = classifyContract(session('s3', facts));
      expect(found.map(({ kind, paths, resolver }) => ({ kind, paths, resolver }))).toEqual(expected);
      for (const conflict of found) expect(conflict.sessions).toEqual(['s3']);
    });
  }

  it('says what to do in the lead’s words', () => {
    const [forbidden, scope] = classifyContract(session('s3', { changes: ['a', 'b', 'c', 'd'], scope: ['z/**'], forbidden: ['*'] }));
    expect(forbidden!.nextAction).toBe('Stop s3 editing a, b, c and 1 more (forbidden by its contract); revert them or change the contract');
    expect(scope!.nextAction).toBe("Check s3's edits outside its scope (a, b, c and 1 more); widen the scope or move the work");
    expect(forbidden!.key).toBe('hard-collision:s3:forbidden');
    expect(scope!.key).toBe('soft-overlap:s3:scope');
  });
});

describe('classifyStaleBase', () => {
  const moved = (facts: { baseOnBranch?: boolean; changed?: string[] }): UpstreamFacts => ({
    branch: 'main',
    moved: true,
    baseOnBranch: facts.baseOnBranch ?? true,
    changed: facts.changed ?? [],
  });
  const cases: {
    name: string;
    facts: Partial<SessionFacts>;
    upstream: UpstreamFacts;
    rebase?: MergeOutcome;
    expected: { paths: string[]; nextAction: string; state?: string } | null;
  }[] = [
    { name: 'main has not moved', facts: { changes: ['a'] }, upstream: { branch: 'main', moved: false }, expected: null },
    { name: 'main moved elsewhere', facts: { changes: ['a'] }, upstream: moved({ changed: ['b'] }), expected: null },
    {
      name: 'main changed a file the session changed: rebase, dry run clean',
      facts: { changes: ['a', 'c'] },
      upstream: moved({ changed: ['a', 'b'] }),
      rebase: clean,
      expected: { paths: ['a'], nextAction: 'Rebase s4 onto main (dry run: clean)' },
    },
    {
      name: 'main changed a file under one of its leases',
      facts: { leases: [read('db/**')] },
      upstream: moved({ changed: ['db/schema.sql'] }),
      rebase: conflict('db/schema.sql'),
      expected: { paths: ['db/schema.sql'], nextAction: 'Rebase s4 onto main (dry run: conflicts in db/schema.sql)' },
    },
    {
      name: 'the base is no longer on main (force-moved)',
      facts: { changes: [] },
      upstream: moved({ baseOnBranch: false, changed: ['z'] }),
      rebase: conflict(),
      expected: { paths: [], nextAction: "main was rewritten and no longer contains s4's base: rebase s4 onto main (dry run: conflicts)" },
    },
    {
      name: 'the dry run failed: never said clean',
      facts: { changes: ['a'] },
      upstream: moved({ changed: ['a'] }),
      rebase: { result: 'unknown', reason: 'git merge-tree failed (boom)' },
      expected: { paths: ['a'], nextAction: 'Rebase s4 onto main (dry run could not run: git merge-tree failed (boom); check manually)' },
    },
    {
      name: 'git could not say whether the base is stale',
      facts: { changes: ['a'] },
      upstream: { branch: 'main', moved: true, unknown: 'git rev-parse failed (bad ref)' },
      expected: {
        paths: [],
        nextAction: "Could not check s4's base against main: git rev-parse failed (bad ref); check manually",
        state: 'human-decision-required',
      },
    },
  ];
  for (const { name, facts, upstream, rebase, expected } of cases) {
    it(name, () => {
      const found = classifyStaleBase(session('s4', facts), upstream, rebase ?? null);
      if (expected === null) {
        expect(found).toEqual([]);
        return;
      }
      expect(found).toEqual([
        {
          key: 'stale-base:s4:base',
          kind: 'stale-base',
          sessions: ['s4'],
          resolver: 'owner-of-s4',
          state: 'open',
          ...expected,
        },
      ]);
    });
  }
});

describe('conflict keys and wording', () => {
  it('sorts session ids the way the board numbers them', () => {
    expect(sortSessionIds(['s10', 's9', 's2', 's9'])).toEqual(['s2', 's9', 's10']);
  });

  it('reads back the scope of its own keys, and leaves other keys alone', () => {
    expect(scopeOfKey(conflictKey('hard-collision', ['s2', 's1'], 'pair'))).toEqual({ family: 'pair', sessions: ['s1', 's2'] });
    expect(scopeOfKey(conflictKey('soft-overlap', ['s1'], 'scope'))).toEqual({ family: 'contract', sessions: ['s1'] });
    expect(scopeOfKey(conflictKey('stale-base', ['s1'], 'base'))).toEqual({ family: 'stale', sessions: ['s1'] });
    expect(scopeOfKey('something:else')).toBeNull();
    expect(scopeOfKey('hard-collision:s1:constructor')).toBeNull();
  });

  it('lists paths readably', () => {
    expect(listPaths(['a.ts'])).toBe('a.ts');
    expect(listPaths(['with space.ts', 'new\nline'])).toBe('"with space.ts", "new\\nline"');
    expect(listPaths(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});
