import { lstat, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conflict, LeaseMode, Session } from '../../../src/shared/board';
import { BoardError } from '../../../src/core/board/errors';
import { claimLeases, releaseLeases } from '../../../src/core/board/leases';
import { liveLeases } from '../../../src/core/board/records';
import {
  classifyPair,
  classifyStaleBase,
  sharedChanges,
  staleBaseEvidence,
  type DetectedConflict,
  type MergeOutcome,
  type SessionFacts,
  type UpstreamFacts,
} from '../../../src/core/conflicts/classify';
import { addRead, emptyWork } from '../../../src/core/conflicts/evaluation-work';
import { Evaluator } from '../../../src/core/conflicts/evaluator';
import { createLimiter } from '../../../src/core/conflicts/parallel';
import { changedFiles, isAncestor, mergeTrees, snapshotCommit, type MergeResult } from '../../../src/core/git';
import { makeConflictBoard, type ConflictBoard } from './conflict-fixture';

/**
 * The engine's incremental evaluation against the naive one. Three sessions edit, delete, create,
 * rename and commit files and claim and release leases in batches, while the protected branch
 * moves on or is rewritten. After each batch the evaluator reads only what a watcher would have
 * reported, reusing its snapshots, merge outcomes and cached merges. Its conflicts must be what a
 * from-scratch comparison finds: every changed set read again, every pair and rebase merged again.
 */

const LINES = 8;
const FILES = ['f1.txt', 'f2.txt', 'f3.txt'];
const NEW_NAMES = ['g1.txt', 'sub/g2.txt', 'f1.txt/inside.txt'];
const PATTERNS = ['f1.txt', 'f*.txt', 'sub/**', 'g1.txt'];
const original = (file: string) => Array.from({ length: LINES }, (_, n) => `${file} line ${n}\n`).join('');

type Op =
  | { kind: 'edit'; file: string; line: number; value: string }
  | { kind: 'delete'; file: string }
  | { kind: 'revert'; file: string }
  | { kind: 'create'; file: string; value: string }
  | { kind: 'rename'; file: string; to: string }
  | { kind: 'commit' }
  | { kind: 'upstream'; file: string; line: number; value: string }
  | { kind: 'force-move' }
  | { kind: 'claim'; pattern: string; mode: LeaseMode }
  | { kind: 'release'; pattern: string };

const file = fc.constantFrom(...FILES);
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('edit' as const), file, line: fc.integer({ min: 0, max: LINES - 1 }), value: fc.constantFrom('A', 'B') }), weight: 5 },
  fc.record({ kind: fc.constant('delete' as const), file }),
  fc.record({ kind: fc.constant('revert' as const), file }),
  fc.record({ kind: fc.constant('create' as const), file: fc.constantFrom(...NEW_NAMES), value: fc.constantFrom('A', 'B') }),
  fc.record({ kind: fc.constant('rename' as const), file, to: fc.constantFrom(...NEW_NAMES) }),
  fc.record({ kind: fc.constant('commit' as const) }),
  // Upstream moves: a commit on the protected branch, or the branch rewritten (amended) past the bases.
  fc.record({ kind: fc.constant('upstream' as const), file, line: fc.integer({ min: 0, max: LINES - 1 }), value: fc.constantFrom('A', 'U') }),
  fc.record({ kind: fc.constant('force-move' as const) }),
  // Leases, as the agents' claims take them: a refused claim changes nothing.
  fc.record({ kind: fc.constant('claim' as const), pattern: fc.constantFrom(...PATTERNS), mode: fc.constantFrom<LeaseMode>('write', 'read') }),
  fc.record({ kind: fc.constant('release' as const), pattern: fc.constantFrom(...PATTERNS) }),
);
const step = fc.record({ session: fc.integer({ min: 0, max: 2 }), op });

let board: ConflictBoard;
let sessions: Session[];
let scratch: string;
/** The commit before the sessions' base: a rewritten branch starts again from it. */
let beforeBase: string;

beforeAll(async () => {
  board = await makeConflictBoard(Object.fromEntries(FILES.map((name) => [name, original(name)])));
  beforeBase = (await board.repo.run(['rev-parse', 'HEAD'])).trim();
  await board.repo.commit({ 'README.md': 'base\n' }, 'base');
  sessions = [await board.session('One'), await board.session('Two'), await board.session('Three')];
  scratch = await mkdtemp(join(tmpdir(), 'signalbox-engine-property-'));
});

afterAll(async () => {
  await board.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

/**
 * Applies an edit in a worktree as an agent's editor (or git) would; returns the paths a watcher
 * reports, 'full' for a commit, which the engine's watch on HEAD and the index answers with a full
 * read, 'upstream' for a move of the protected branch, which its watch on the ref reports, or
 * 'leases' for a lease change, which the board's lease event reports.
 */
async function apply(session: Session, change: Op): Promise<string[] | 'full' | 'upstream' | 'leases'> {
  const { worktree } = session;
  const root = board.repo.root;
  const at = (path: string) => join(worktree, path);
  // A file where a folder has to go is replaced (file → directory), as an editor's "save as" would.
  const clearWay = async (path: string): Promise<string[]> => {
    const removed: string[] = [];
    for (let end = path.indexOf('/'); end !== -1; end = path.indexOf('/', end + 1)) {
      const parent = path.slice(0, end);
      if (!(await lstat(at(parent)).catch(() => null))?.isFile()) continue;
      await rm(at(parent));
      removed.push(parent);
    }
    await rm(at(path), { recursive: true, force: true });
    await mkdir(dirname(at(path)), { recursive: true });
    return [...removed, path];
  };
  const put = async (path: string, text: string): Promise<string[]> => {
    const reported = await clearWay(path);
    await writeFile(at(path), text);
    return reported;
  };
  switch (change.kind) {
    case 'edit': {
      const text = await readFile(at(change.file), 'utf8').catch(() => original(change.file));
      const lines = text.split('\n');
      lines[change.line] = `${change.file} line ${change.line} by ${change.value}`;
      return put(change.file, lines.join('\n'));
    }
    case 'delete':
      await rm(at(change.file), { recursive: true, force: true });
      return [change.file];
    case 'revert':
      return put(change.file, original(change.file));
    case 'create':
      return put(change.file, `new ${change.file} by ${change.value}\n`);
    case 'rename': {
      if (change.file === change.to || change.to.startsWith(`${change.file}/`)) return [];
      if (!(await lstat(at(change.file)).catch(() => null))?.isFile()) return [];
      const reported = await clearWay(change.to);
      await rename(at(change.file), at(change.to));
      return [change.file, ...reported];
    }
    case 'commit':
      await board.repo.run(['add', '--all'], worktree);
      await board.repo.run(['commit', '--quiet', '--no-verify', '--allow-empty', '--message', 'work'], worktree);
      return 'full';
    case 'upstream': {
      const lines = (await readFile(join(root, change.file), 'utf8')).split('\n');
      lines[change.line] = `${change.file} line ${change.line} upstream ${change.value}`;
      await writeFile(join(root, change.file), lines.join('\n'));
      await board.repo.run(['commit', '--quiet', '--no-verify', '--all', '--allow-empty', '--message', 'upstream']);
      return 'upstream';
    }
    case 'force-move':
      // The same files, in a history that no longer holds the sessions' base.
      await board.repo.run(['reset', '--quiet', '--soft', beforeBase]);
      await board.repo.run(['commit', '--quiet', '--no-verify', '--allow-empty', '--message', 'rewritten']);
      return 'upstream';
    case 'claim':
      try {
        claimLeases(board.store, { session: session.id, patterns: [change.pattern], mode: change.mode }, `session:${session.id}`);
      } catch (error) {
        if (!(error instanceof BoardError)) throw error;
      }
      return 'leases';
    case 'release':
      releaseLeases(board.store, { session: session.id, patterns: [change.pattern] }, `session:${session.id}`);
      return 'leases';
  }
}

const outcomeOf = (merge: MergeResult): MergeOutcome =>
  merge.clean ? { result: 'clean' } : { result: 'conflict', paths: [...new Set([...merge.conflictedPaths, ...merge.conflicts.flatMap((notice) => notice.paths)])].sort() };

/**
 * The conflicts from scratch: every changed set read again, every pair and every rebase merged
 * again, through the same classification the engine uses.
 */
async function naiveConflicts(): Promise<string[]> {
  const root = board.repo.root;
  const tip = (await board.repo.run(['rev-parse', 'main'])).trim();
  const facts = await Promise.all(
    sessions.map(async (session): Promise<SessionFacts> => ({
      id: session.id,
      owner: session.owner,
      createdAt: session.createdAt,
      changes: [...(await changedFiles(session.worktree, session.baseCommit))].sort(),
      leases: liveLeases(board.store.db, session.id).map(({ pattern, mode }) => ({ pattern, mode })),
      scope: session.scope,
      forbidden: session.forbidden,
    })),
  );
  const snapshots = await Promise.all(sessions.map((session) => snapshotCommit(session.worktree, 'HEAD', 'naive')));
  const detected: DetectedConflict[] = [];
  for (let a = 0; a < sessions.length; a++) {
    for (let b = a + 1; b < sessions.length; b++) {
      const merge = await mergeTrees(root, { ours: snapshots[a]!, theirs: snapshots[b]! });
      const shared = sharedChanges(facts[a]!, facts[b]!).length > 0;
      // The engine merges only pairs whose changed sets touch: a pair that does not must merge clean.
      if (!shared) expect(merge.clean, `${sessions[a]!.id} and ${sessions[b]!.id} share no change yet conflict`).toBe(true);
      detected.push(...classifyPair(facts[a]!, facts[b]!, shared ? outcomeOf(merge) : null));
    }
  }
  for (const [n, session] of sessions.entries()) {
    const base = session.baseCommit;
    const upstream: UpstreamFacts =
      tip === base
        ? { branch: 'main', moved: false }
        : {
            branch: 'main',
            moved: true,
            baseOnBranch: await isAncestor(root, base, tip),
            changed: (await board.repo.run(['diff', '--name-only', '-z', '--no-renames', base, tip])).split('\0').filter(Boolean),
          };
    const rebase = staleBaseEvidence(facts[n]!, upstream).stale === true ? outcomeOf(await mergeTrees(root, { ours: tip, theirs: snapshots[n]! })) : null;
    detected.push(...classifyStaleBase(facts[n]!, upstream, rebase));
  }
  return detected.map(describeConflict).sort();
}

const describeConflict = (conflict: Pick<Conflict, 'kind' | 'sessions' | 'paths' | 'nextAction'>) =>
  `${conflict.kind} ${[...conflict.sessions].sort().join('+')} [${[...conflict.paths].sort().join(', ')}]: ${conflict.nextAction}`;

describe('conflict engine (property)', () => {
  it('an evaluation of what watchers reported finds the conflicts a from-scratch comparison finds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), async (batches) => {
        await board.repo.run(['reset', '--quiet', '--hard', sessions[0]!.baseCommit]);
        for (const session of sessions) releaseLeases(board.store, { session: session.id, all: true }, 'lead');
        for (const session of sessions) {
          await board.repo.run(['reset', '--quiet', '--hard', session.baseCommit], session.worktree);
          await board.repo.run(['clean', '--quiet', '-f', '-d'], session.worktree);
        }
        // A new evaluator each run, as after a restart: it scans everything once, then trusts the reports.
        const own = await mkdtemp(join(scratch, 'run-'));
        const evaluator = new Evaluator(board.store, { worktreeWatched: () => true, tipWatched: () => true, rescanMs: 3_600_000 }, createLimiter(2), async () => own);
        await evaluator.run({ ...emptyWork(), all: true });
        for (const batch of batches) {
          const work = emptyWork();
          for (const { session, op: change } of batch) {
            const reported = await apply(sessions[session]!, change);
            if (reported === 'upstream') work.upstream.add(sessions[session]!.repo);
            else if (reported === 'leases') work.reevaluate.add(sessions[session]!.id);
            else addRead(work.reads, sessions[session]!.id, reported === 'full' ? 'full' : new Set(reported));
          }
          await evaluator.run(work);
          expect(board.conflicts().map(describeConflict).sort()).toEqual(await naiveConflicts());
        }
      }),
      {
        numRuns: 25,
        examples: [
          // Found by this test: s1 renames f3 into a folder where f1.txt was, then puts f1.txt back
          // edited — its rename is gone, so its deletion of f3 meets s2's edit of f3 again.
          [
            [
              [{ session: 1, op: { kind: 'edit', file: 'f3.txt', line: 0, value: 'A' } }],
              [{ session: 0, op: { kind: 'rename', file: 'f3.txt', to: 'f1.txt/inside.txt' } }],
              [{ session: 0, op: { kind: 'edit', file: 'f1.txt', line: 0, value: 'A' } }],
            ],
          ],
        ],
      },
    );
  }, 180_000);
});
