/**
 * The control room in Chromium against a real coordinator: how long the graph of a busy board takes
 * to draw, how soon a board change reaches the page, and how smoothly the graph pans. Each figure
 * is printed next to a baseline measured in the same run (an empty or one-session board, an idle page).
 * Needs the CLI and web bundles: `node scripts/build-cli.mjs && npx vite build --config src/renderer/vite.browser.config.mts`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { OperationInput, OperationName, OperationOutput } from '../src/shared/api';
import type { Session } from '../src/shared/board';
import { makeRepo } from '../test/helpers/git-fixture';
import { serveCoordinator, tempDir, type ServedCoordinator } from '../test/helpers/signalbox-cli';
import { launchChromium } from '../test/e2e/chromium';
import type { BenchResult } from './bench-result';

const WEB_BUNDLE = fileURLToPath(new URL('../out/web/index.html', import.meta.url));
const SESSIONS = 20;
const ASSETS = 500;
/** Each asset is leased by two sessions: one writing, one reading. */
const EDGES = ASSETS * 2;
const LOAD_RUNS = 5;
const UPDATE_SAMPLES = 40;
const PAN_MS = 2000;

/**
 * The browser globals the in-page probes touch. The node project has no DOM types, and these
 * functions run in the page (serialised by Playwright), so they reach them through `globalThis`.
 */
interface PageGlobals {
  document: {
    body: unknown;
    querySelector(selector: string): { textContent: string | null } | null;
    querySelectorAll(selector: string): { length: number };
    elementFromPoint(x: number, y: number): { classList: { contains(name: string): boolean } } | null;
  };
  localStorage: { setItem(key: string, value: string): void };
  requestAnimationFrame(callback: () => void): number;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
  setTimeout(callback: () => void, ms: number): unknown;
  /** Written by the probes. */
  framesSoFar: number;
  drawnAt?: number;
  seen?: Promise<number>;
}

/** A coordinator on a fresh repository with its sessions. */
interface Board {
  coordinator: ServedCoordinator;
  sessions: Session[];
  close(): Promise<void>;
}

async function call<K extends OperationName>(coordinator: ServedCoordinator, op: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
  const { status, body } = await coordinator.api(op, input);
  if (status !== 200) throw new Error(`${op} failed (${status}): ${body?.error?.message ?? JSON.stringify(body)}`);
  return body;
}

/**
 * `sessions` real sessions; `assets` patterns each in a folder of its own (so the graph draws one
 * node per asset rather than grouping them), each written by one session and read by another.
 */
async function seedBoard(sessionCount: number, assets: number): Promise<Board> {
  const repo = await makeRepo();
  const data = tempDir('signalbox-bench-ui-');
  const coordinator = await serveCoordinator(data.path);
  const sessions: Session[] = [];
  for (let i = 0; i < sessionCount; i++) {
    sessions.push(await call(coordinator, 'session.new', { repo: repo.root, title: `Session ${i + 1}`, owner: `agent-${i % 5}` }));
  }
  const claims = sessions.map(() => ({ write: [] as string[], read: [] as string[] }));
  for (let a = 0; a < assets; a++) {
    const pattern = `pkg${a}/src/**`;
    claims[a % sessionCount]!.write.push(pattern);
    claims[(a + 7) % sessionCount]!.read.push(pattern);
  }
  for (const [i, session] of sessions.entries()) {
    const { write, read } = claims[i]!;
    if (write.length) await call(coordinator, 'claim', { session: session.id, patterns: write, mode: 'write' });
    if (read.length) await call(coordinator, 'claim', { session: session.id, patterns: read, mode: 'read' });
  }
  return {
    coordinator,
    sessions,
    async close() {
      await coordinator.kill();
      data.remove();
      await repo.cleanup();
    },
  };
}

/** A tab of its own, opening on the graph, with a frame counter the measurements read. */
async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(…)`; the probes
  // below are sent to the page as source, where that helper does not exist.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  await context.addInitScript(() => {
    const w = globalThis as unknown as PageGlobals;
    w.localStorage.setItem('signalbox.preferences', JSON.stringify({ tab: 'graph' }));
    w.framesSoFar = 0;
    const tick = () => {
      w.framesSoFar += 1;
      w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  });
  return context.newPage();
}

/** Milliseconds from navigation start to the first frame with the whole graph (or the empty state) in it. */
async function timeToGraph(browser: Browser, board: Board, nodes: number, edges: number): Promise<number> {
  const page = await openPage(browser);
  await page.addInitScript(
    ({ nodes, edges }) => {
      const w = globalThis as unknown as PageGlobals;
      const check = () => {
        const drawn =
          nodes === 0
            ? w.document.querySelector('[data-testid=empty-state]') !== null
            : w.document.querySelectorAll('.react-flow__node').length >= nodes && w.document.querySelectorAll('.react-flow__edge').length >= edges;
        if (drawn) w.drawnAt = performance.now();
        else w.requestAnimationFrame(check);
      };
      w.requestAnimationFrame(check);
    },
    { nodes, edges },
  );
  await page.goto(board.coordinator.controlRoom);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).drawnAt !== undefined, null, { timeout: 30_000 });
  const drawnAt = await page.evaluate(() => (globalThis as unknown as PageGlobals).drawnAt!);
  await page.context().close();
  return drawnAt;
}

/**
 * Milliseconds from sending `status.set` to the page showing the new blocker text on the session's
 * node. The page watches for it first, so only the coordinator, the event stream and the render count.
 */
async function updateLatencies(browser: Browser, board: Board, samples: number): Promise<number[]> {
  const page = await openPage(browser);
  await page.goto(board.coordinator.controlRoom);
  await page.locator('[data-testid=session-node]').first().waitFor({ timeout: 30_000 });
  await page.getByTestId('connection').getByText('Live').waitFor();
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const session = board.sessions[i % board.sessions.length]!;
    const text = `bench hold ${i}`;
    await page.evaluate(
      ({ id, text }) => {
        const w = globalThis as unknown as PageGlobals;
        w.seen = new Promise((resolve, reject) => {
          // Watch the node itself: a document-wide query on every mutation would compete with the render it times.
          const node = w.document.querySelector(`[data-testid=session-node][data-session="${id}"]`);
          if (!node) return reject(new Error(`No node for ${id} on the page.`));
          const observer = new w.MutationObserver(() => {
            if (!node.textContent?.includes(text)) return;
            observer.disconnect();
            resolve(Date.now());
          });
          observer.observe(node, { subtree: true, childList: true, characterData: true });
          w.setTimeout(() => {
            observer.disconnect();
            reject(new Error(`The page never showed "${text}" on ${id}.`));
          }, 15_000);
        });
      },
      { id: session.id, text },
    );
    const sent = Date.now();
    await call(board.coordinator, 'status.set', { session: session.id, status: 'blocked', blocker: text });
    const shownAt = await page.evaluate(() => (globalThis as unknown as PageGlobals).seen!);
    latencies.push(shownAt - sent);
  }
  await page.context().close();
  return latencies;
}

/** Frames per second while idle (`drag` false) or while the mouse drags the pane around for PAN_MS. */
async function framesPerSecond(browser: Browser, board: Board, drag: boolean): Promise<number> {
  const page = await openPage(browser);
  await page.goto(board.coordinator.controlRoom);
  await page.locator('.react-flow__edge').nth(EDGES - 1).waitFor({ timeout: 30_000 });
  // Somewhere on the pane itself, not on a node, so the drag pans.
  const start = await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    for (let y = 200; y < 800; y += 20) {
      for (let x = 40; x < 1300; x += 20) {
        if (w.document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    throw new Error('No empty pane to grab.');
  });
  const framesSoFar = () => page.evaluate(() => (globalThis as unknown as PageGlobals).framesSoFar);
  const framesBefore = await framesSoFar();
  const began = Date.now();
  if (drag) {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    while (Date.now() - began < PAN_MS) {
      const t = (Date.now() - began) / 1000;
      await page.mouse.move(start.x + 150 * Math.sin(t * Math.PI), start.y + 100 * Math.sin(t * Math.PI * 1.5));
    }
    await page.mouse.up();
  } else {
    await page.waitForTimeout(PAN_MS);
  }
  const frames = (await framesSoFar()) - framesBefore;
  const seconds = (Date.now() - began) / 1000;
  await page.context().close();
  return frames / seconds;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1]!;
const round = (value: number, digits = 0): number => Number(value.toFixed(digits));

export async function benchUi(): Promise<BenchResult[]> {
  if (!existsSync(WEB_BUNDLE)) {
    throw new Error('The web bundle is missing: run `npx vite build --config src/renderer/vite.browser.config.mts` first.');
  }
  const browser = await launchChromium();
  // Chromium, the coordinator and this process share the machine: say how busy it was.
  const load = `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores at the start`;
  const empty = await seedBoard(0, 0);
  const single = await seedBoard(1, 0);
  const busy = await seedBoard(SESSIONS, ASSETS);
  try {
    const drawnEmpty: number[] = [];
    const drawnBusy: number[] = [];
    for (let run = 0; run < LOAD_RUNS; run++) {
      drawnEmpty.push(await timeToGraph(browser, empty, 0, 0));
      drawnBusy.push(await timeToGraph(browser, busy, SESSIONS + ASSETS, EDGES));
    }
    const baselineLatency = await updateLatencies(browser, single, UPDATE_SAMPLES);
    const busyLatency = await updateLatencies(browser, busy, UPDATE_SAMPLES);
    const idleFps = await framesPerSecond(browser, busy, false);
    const panFps = await framesPerSecond(browser, busy, true);

    const loadMs = median(drawnBusy);
    const p95 = percentile(busyLatency, 95);
    return [
      {
        name: `page load to graph drawn, ${SESSIONS} sessions / ${ASSETS} assets / ${EDGES} edges (median of ${LOAD_RUNS})`,
        value: round(loadMs),
        unit: 'ms',
        baseline: { name: 'page load to the empty board drawn', value: round(median(drawnEmpty)), unit: 'ms' },
        target: '≤ 1000 ms',
        pass: loadMs <= 1000,
        note: `runs ${drawnBusy.map((v) => round(v)).join(', ')} ms; ${load}`,
      },
      {
        name: `board change on the server to the graph showing it, p95 of ${UPDATE_SAMPLES} (same busy board)`,
        value: p95,
        unit: 'ms',
        baseline: { name: 'same on a one-session board', value: percentile(baselineLatency, 95), unit: 'ms' },
        target: 'p95 ≤ 100 ms',
        pass: p95 <= 100,
        note: `median ${median(busyLatency)} ms, max ${Math.max(...busyLatency)} ms; ${load}`,
      },
      {
        name: `frames during a ${PAN_MS / 1000} s mouse-driven pan of the busy graph`,
        value: round(panFps, 1),
        unit: 'fps',
        baseline: { name: 'same page idle (the display rate Chromium offers here)', value: round(idleFps, 1), unit: 'fps' },
        target: '≥ 50 fps',
        pass: panFps >= 50,
        note: load,
      },
    ];
  } finally {
    await browser.close();
    await Promise.all([empty.close(), single.close(), busy.close()]);
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchUi();
  for (const r of results) {
    const baseline = r.baseline ? ` (baseline ${r.baseline.value} ${r.baseline.unit}: ${r.baseline.name})` : '';
    console.log(`${r.pass ? 'PASS' : 'MISS'}  ${r.name}: ${r.value} ${r.unit}${baseline}\n      target ${r.target}${r.note ? `; ${r.note}` : ''}`);
  }
}
