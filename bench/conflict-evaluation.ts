/**
 * Conflict engine benchmark (DESIGN §3): a full evaluation against the naive way, and the time
 * from a file save to the conflict on the board, on 20 sessions of a 20,000-file repository.
 * Standalone: `node --import tsx bench/conflict-evaluation.ts`.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Board, BoardEvent } from '../src/shared/board';
import { openConflicts } from '../src/core/board/records';
import { ConflictEngine } from '../src/core/conflicts/engine';
import { createLimiter } from '../src/core/conflicts/parallel';
import { mergeTrees, snapshotCommit, worktreeState } from '../src/core/git';
import { serveCoordinator } from '../test/helpers/signalbox-cli';
import { percentile, type BenchResult } from './bench-result';
import { EventStreamClient } from './event-stream-client';
import { DEFAULT_CONFLICT_REPO, makeConflictRepo, type ConflictRepoFixture } from './fixtures/conflict-repo';

const FULL_RUNS = 3;
const LATENCY_SAMPLES = 30;
const NAIVE_SAVE_SAMPLES = 10;

export async function benchConflicts(): Promise<BenchResult[]> {
  // tmpfs when there is one: 400,000 files are written and removed again, which takes minutes on some disks.
  const parent = existsSync('/dev/shm') ? '/dev/shm' : undefined;
  const fixture = await makeConflictRepo({ ...DEFAULT_CONFLICT_REPO, parent });
  try {
    // The load average says how far a shared machine's timings can be trusted.
    const load = loadavg()[0]!.toFixed(1);
    const setting =
      `${DEFAULT_CONFLICT_REPO.files} files, ${fixture.sessions.length} sessions, generated in ${seconds(fixture.generationMs)}` +
      ` on ${parent ?? 'the OS temp folder'}, ${availableParallelism()} cores, load average ${load}`;
    return [...(await benchFullEvaluation(fixture, setting)), ...(await benchSaveLatency(fixture, setting))];
  } finally {
    await fixture.cleanup();
  }
}

/**
 * A full re-evaluation of a running engine after every session saved one of its files, and one
 * side of each overlapping pair its shared file: all 190 pairs, 20 contracts and 20 bases
 * re-classified. The engine re-reads only what its watchers saw
 * change; the naive way reads and compares everything. The cold first evaluation (every worktree
 * scanned, as at start) is reported in the note.
 */
async function benchFullEvaluation(fixture: ConflictRepoFixture, setting: string): Promise<BenchResult[]> {
  const coldEngine = new ConflictEngine(fixture.store, { watch: false });
  const coldStarted = performance.now();
  await coldEngine.evaluateAll();
  const coldMs = performance.now() - coldStarted;
  await coldEngine.stop();

  // Watcher events wait for evaluateAll(), so that it is the evaluation that reads them.
  const engine = new ConflictEngine(fixture.store, { watch: true, debounceMs: 3_600_000 });
  await engine.start();
  const engineRuns: number[] = [];
  const naiveRuns: number[] = [];
  let engineProcesses = 0;
  let engineMerges = 0;
  let naiveHard = 0;
  try {
    // Interleaved, so that a noisy neighbour slows both alike.
    for (let run = 0; run < FULL_RUNS; run++) {
      await Promise.all([
        ...fixture.sessions.map((session, n) =>
          writeFile(join(session.worktree, fixture.path(n, 0, 3)), fixture.content(n, 0, 3).replace(/^export const v2 = .*$/m, `export const v2 = 'run ${run}';`)),
        ),
        // One side of every overlapping pair edits the shared file again: those pairs must be merged again.
        ...fixture.overlaps.map(({ a }) =>
          writeFile(
            join(fixture.sessions[a]!.worktree, fixture.path(a, 5, 0)),
            fixture.content(a, 5, 0).replace(/^export const v1 = .*$/m, `export const v1 = 'from ${a}, run ${run}';`),
          ),
        ),
      ]);
      // Let the kernel hand the events to the watchers.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = { processes: engine.stats.gitProcesses, merges: engine.stats.git.mergeTrees ?? 0 };
      const started = performance.now();
      await engine.evaluateAll();
      engineRuns.push(performance.now() - started);
      engineProcesses = engine.stats.gitProcesses - before.processes;
      engineMerges = (engine.stats.git.mergeTrees ?? 0) - before.merges;

      const naiveStarted = performance.now();
      naiveHard = await naiveEvaluation(fixture);
      naiveRuns.push(performance.now() - naiveStarted);
    }
  } finally {
    await engine.stop();
  }
  const engineMs = median(engineRuns);
  const naiveMs = median(naiveRuns);
  const ratio = naiveMs / engineMs;
  const hard = openConflicts(fixture.store.db).filter((conflict) => conflict.kind === 'hard-collision' && conflict.sessions.length === 2);
  const expectedHard = fixture.overlaps.filter((overlap) => overlap.conflicts).length;
  const agree = hard.length === expectedHard && naiveHard === expectedHard;
  const pairs = (fixture.sessions.length * (fixture.sessions.length - 1)) / 2;
  const baseline = {
    name: `naive: git status + full snapshot per session, merge-tree for all ${pairs} pairs`,
    value: round(naiveMs),
    unit: 'ms',
  };
  const note =
    `${setting}; median of ${FULL_RUNS} runs, each after all ${fixture.sessions.length} sessions saved a file (${fixture.overlaps.length} of them a shared one); ` +
    `engine ${engineProcesses} git processes (${engineMerges} merge-trees), naive ${fixture.sessions.length * 4 + pairs}; ` +
    `cold first evaluation (every worktree scanned, empty caches): ${round(coldMs)} ms; ` +
    `hard collisions found: engine ${hard.length}, naive ${naiveHard}, planted ${expectedHard}${agree ? '' : ' — MISMATCH'}`;
  return [
    {
      name: 'conflicts: full re-evaluation',
      value: round(engineMs),
      unit: 'ms',
      baseline,
      target: '≤ 1000 ms',
      pass: engineMs <= 1000 && agree,
      note,
    },
    {
      name: 'conflicts: full re-evaluation speed-up over naive',
      value: round(ratio, 1),
      unit: '×',
      baseline,
      target: '≥ 5×',
      pass: ratio >= 5 && agree,
      note,
    },
  ];
}

/** What a coordinator without the engine would do: compare every pair, every time. */
async function naiveEvaluation(fixture: ConflictRepoFixture): Promise<number> {
  const limit = createLimiter(Math.max(2, availableParallelism()));
  const snapshots = await Promise.all(
    fixture.sessions.map((session) =>
      limit(async () => {
        await worktreeState(session.worktree);
        return snapshotCommit(session.worktree, 'HEAD', 'naive snapshot');
      }),
    ),
  );
  const merges: Promise<boolean>[] = [];
  for (let a = 0; a < snapshots.length; a++) {
    for (let b = a + 1; b < snapshots.length; b++) {
      merges.push(limit(() => mergeTrees(fixture.root, { ours: snapshots[a]!, theirs: snapshots[b]! })).then((result) => !result.clean));
    }
  }
  return (await Promise.all(merges)).filter(Boolean).length;
}

/**
 * From a file save in one worktree to the conflict on the event stream, as the lead sees it: a
 * real `signalbox serve` process (watchers, engine, SQLite, SSE) on the fixture's board, and this
 * process writing files and reading the stream.
 */
async function benchSaveLatency(fixture: ConflictRepoFixture, setting: string): Promise<BenchResult[]> {
  // Sessions outside the planted overlaps; each sample makes one of them touch a file another changed.
  const free = fixture.sessions.map((_, n) => n).filter((n) => !fixture.overlaps.some(({ a, b }) => a === n || b === n));
  const pairOf = (k: number): [number, number] => [free[k % free.length]!, free[(k + 1 + Math.floor(k / free.length)) % free.length]!];
  // Before the coordinator starts, so that it does not react to these saves too.
  const naive = await naiveSaveReactions(fixture, pairOf);
  const startedAt = performance.now();
  const coordinator = await serveCoordinator(fixture.dataDir);
  const samples: number[] = [];
  let stream: EventStreamClient | null = null;
  try {
    const { body: board } = await coordinator.api('board', {});
    stream = await EventStreamClient.connect(coordinator.url, coordinator.token, (board as Board).lastEventId);
    const events = stream;
    /** One save that makes sessions a and b share a file, and its undo; resolves with the time to the conflict. */
    const sample = async (a: number, b: number, k: number, label: string, timeoutMs?: number): Promise<number> => {
      const ids = [fixture.sessions[a]!.id, fixture.sessions[b]!.id];
      const target = join(fixture.sessions[a]!.worktree, fixture.path(b, 0, k % 20));
      const original = fixture.content(b, 0, k % 20);
      const between = (event: BoardEvent) => ids.every((id) => (event.after as { sessions?: string[] } | null)?.sessions?.includes(id));
      const appeared = events.next((event) => (event.kind === 'conflict.opened' || event.kind === 'conflict.updated') && between(event), timeoutMs);
      const saved = performance.now();
      // A different line from b's edit, and new content every sample: a real merge-tree each time.
      await writeFile(target, original.replace(/^export const v7 = .*$/m, `export const v7 = '${label}';`));
      const latency = (await appeared) - saved;
      const resolved = events.next((event) => event.kind === 'conflict.resolved' && between(event), timeoutMs);
      await writeFile(target, original);
      await resolved;
      return latency;
    };

    // Ready once a first save is seen, which waits for the first full evaluation (every worktree scanned).
    await sample(free[0]!, free.at(-1)!, 19, 'first save', 120_000);
    const startMs = performance.now() - startedAt;
    for (let k = 0; k < LATENCY_SAMPLES; k++) {
      const [a, b] = pairOf(k);
      samples.push(await sample(a, b, k, `sample ${k}`));
    }
    const p50 = percentile(samples, 50);
    const p99 = percentile(samples, 99);
    const note =
      `${setting}; a signalbox serve process watching every worktree (ready for a first save to be seen ${round(startMs)} ms after spawn); ` +
      `${LATENCY_SAMPLES} saves, each timed from writeFile to the conflict.opened event read from the coordinator's event stream; ` +
      `samples min ${round(Math.min(...samples))} ms, max ${round(Math.max(...samples))} ms`;
    const baseline = (p: number) => ({
      name: `naive reaction to the same saves in this process, no watcher or stream: status and full snapshot of the saving worktree, merge-tree against the ${fixture.sessions.length - 1} other sessions' snapshots taken beforehand; ${NAIVE_SAVE_SAMPLES} saves, p${p}`,
      value: round(percentile(naive, p)),
      unit: 'ms',
    });
    return [
      { name: 'conflicts: save → conflict on the event stream, p50', value: round(p50), unit: 'ms', baseline: baseline(50), target: '≤ 150 ms', pass: p50 <= 150, note },
      { name: 'conflicts: save → conflict on the event stream, p99', value: round(p99), unit: 'ms', baseline: baseline(99), target: '≤ 400 ms', pass: p99 <= 400, note },
    ];
  } finally {
    stream?.close();
    await coordinator.kill();
  }
}

/**
 * What a coordinator without the engine does on a save: read the saving worktree, snapshot all of
 * it, and merge it with every other session to classify each pair. The others' snapshots are taken
 * once beforehand, which only flatters the baseline. Each save is undone after it is timed.
 */
async function naiveSaveReactions(fixture: ConflictRepoFixture, pairOf: (k: number) => [number, number]): Promise<number[]> {
  const limit = createLimiter(Math.max(2, availableParallelism()));
  const snapshots = await Promise.all(fixture.sessions.map((session) => limit(() => snapshotCommit(session.worktree, 'HEAD', 'naive snapshot'))));
  const times: number[] = [];
  for (let k = 0; k < NAIVE_SAVE_SAMPLES; k++) {
    const [a, b] = pairOf(k);
    const worktree = fixture.sessions[a]!.worktree;
    const target = join(worktree, fixture.path(b, 0, k % 20));
    const original = fixture.content(b, 0, k % 20);
    const saved = performance.now();
    await writeFile(target, original.replace(/^export const v7 = .*$/m, `export const v7 = 'naive ${k}';`));
    await worktreeState(worktree);
    const snapshot = await snapshotCommit(worktree, 'HEAD', 'naive snapshot');
    await Promise.all(snapshots.filter((_, n) => n !== a).map((other) => limit(() => mergeTrees(fixture.root, { ours: snapshot, theirs: other }))));
    times.push(performance.now() - saved);
    await writeFile(target, original);
  }
  return times;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function round(value: number, digits = 0): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function seconds(ms: number): string {
  return `${round(ms / 1000, 1)} s`;
}

function describe(result: BenchResult): string {
  const baseline = result.baseline ? ` (baseline ${result.baseline.value} ${result.baseline.unit}: ${result.baseline.name})` : '';
  return `${result.pass ? 'PASS' : 'FAIL'}  ${result.name}: ${result.value} ${result.unit}, target ${result.target}${baseline}${result.note ? `\n      ${result.note}` : ''}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await benchConflicts()) console.log(describe(result));
}
