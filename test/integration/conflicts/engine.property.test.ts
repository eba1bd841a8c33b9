import { lstat, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/board';
import { sharedChanges, type SessionFacts } from '../../../src/core/conflicts/classify';
import { addRead, emptyWork } from '../../../src/core/conflicts/evaluation-work';
import { Evaluator } from '../../../src/core/conflicts/evaluator';
import { createLimiter } from '../../../src/core/conflicts/parallel';
import { changedFiles, mergeTrees, snapshotCommit } from '../../../src/core/git';
import { makeConflictBoard, type ConflictBoard } from './conflict-fixture';

/**
 * The engine's incremental evaluation against the naive one. Three sessions edit, delete, create,
 * rename and commit files in batches; after each batch the evaluator reads only the paths a watcher would
 * have reported, reusing its snapshots, merge outcomes and cached merges. Its pair conflicts must be
 * what a from-scratch comparison finds: every changed set read again, every pair merged again.
 */

const LINES = 8;
const FILES = ['f1.txt', 'f2.txt', 'f3.txt'];
const NEW_NAMES = ['g1.txt', 'sub/g2.txt', 'f1.txt/inside.txt'];
const original = (file: string) => Array.from({ length: LINES }, (_, n) => `${file} line ${n}\n`).join('');

type Op =
  | { kind: 'edit'; file: string; line: number; value: string }
  | { kind: 'delete'; file: string }
  | { kind: 'revert'; file: string }
  | { kind: 'create'; file: string; value: string }
  | { kind: 'rename'; file: string; to: string }
  | { kind: 'commit' };

const file = fc.constantFrom(...FILES);
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('edit' as const), file, line: fc.integer({ min: 0, max: LINES - 1 }), value: fc.constantFrom('A', 'B') }), weight: 5 },
  fc.record({ kind: fc.constant('delete' as const), file }),
  fc.record({ kind: fc.constant('revert' as const), file }),
  fc.record({ kind: fc.constant('create' as const), file: fc.constantFrom(...NEW_NAMES), value: fc.constantFrom('A', 'B') }),
  fc.record({ kind: fc.constant('rename' as const), file, to: fc.constantFrom(...NEW_NAMES) }),
  fc.record({ kind: fc.constant('commit' as const) }),
);
const step = fc.record({ session: fc.integer({ min: 0, max: 2 }), op });

let board: ConflictBoard;
let sessions: Session[];
let scratch: string;

beforeAll(async () => {
  board = await makeConflictBoard(Object.fromEntries(FILES.map((name) => [name, original(name)])));
  sessions = [await board.session('One'), await board.session('Two'), await board.session('Three')];
  scratch = await mkdtemp(join(tmpdir(), 'signalbox-engine-property-'));
});

afterAll(async () => {
  await board.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

/**
 * Applies an edit in a worktree as an agent's editor (or git) would; returns the paths a watcher
 * reports, or 'full' for a commit, which the engine's watch on HEAD and the index answers with a full read.
 */
async function apply(worktree: string, change: Op): Promise<string[] | 'full'> {
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
  }
}

/** Pair conflicts from scratch: changed sets read again, every pair merged again. */
async function naivePairs(): Promise<Map<string, string>> {
  const facts = await Promise.all(
    sessions.map(async (session): Promise<SessionFacts> => ({
      id: session.id,
      owner: session.owner,
      createdAt: session.createdAt,
      changes: [...(await changedFiles(session.worktree, session.baseCommit))].sort(),
      leases: [],
      scope: session.scope,
      forbidden: session.forbidden,
    })),
  );
  const snapshots = await Promise.all(sessions.map((session) => snapshotCommit(session.worktree, 'HEAD', 'naive')));
  const pairs = new Map<string, string>();
  for (let a = 0; a < sessions.length; a++) {
    for (let b = a + 1; b < sessions.length; b++) {
      const merge = await mergeTrees(board.repo.root, { ours: snapshots[a]!, theirs: snapshots[b]! });
      const shared = sharedChanges(facts[a]!, facts[b]!).length > 0;
      // The engine merges only pairs whose changed sets touch: a pair that does not must merge clean.
      if (!shared) expect(merge.clean, `${sessions[a]!.id} and ${sessions[b]!.id} share no change yet conflict`).toBe(true);
      else pairs.set([sessions[a]!.id, sessions[b]!.id].join('+'), merge.clean ? 'soft-overlap' : 'hard-collision');
    }
  }
  return pairs;
}

function enginePairs(): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const conflict of board.conflicts()) {
    if (conflict.sessions.length === 2) pairs.set([...conflict.sessions].sort().join('+'), conflict.kind);
  }
  return pairs;
}

describe('conflict engine (property)', () => {
  it('an evaluation of the reported paths finds the pair conflicts a from-scratch comparison finds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), async (batches) => {
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
            const reported = await apply(sessions[session]!.worktree, change);
            addRead(work.reads, sessions[session]!.id, reported === 'full' ? 'full' : new Set(reported));
          }
          await evaluator.run(work);
          expect(enginePairs()).toEqual(await naivePairs());
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
