import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BoardStore } from '../board/board-store';
import { requestApproval } from '../board/approvals';
import { claimLeases } from '../board/leases';
import { addRepo, newSession } from '../board/session-lifecycle';
import { readSessions } from '../board/session-record';
import { recordCheckpoint, setStatus } from '../board/session-steering';
import { git } from '../git';

const FILES: Record<string, string> = {
  'README.md': '# Shop\n\nA small sample service that the Signalbox demo works on.\n',
  'src/api/orders.ts': 'export function listOrders() {\n  return [];\n}\n',
  'src/api/users.ts': 'export function listUsers() {\n  return [];\n}\n',
  'src/ui/cart.tsx': 'export const Cart = () => null;\n',
  'db/migrations/0001_init.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY);\n',
  'docs/architecture.md': '# Architecture\n\nAPI, UI, database.\n',
  'test/orders.test.ts': "import { listOrders } from '../src/api/orders';\n",
};

interface DemoSession {
  title: string;
  owner: string;
  agent: 'claude-code' | 'codex';
  objective: string;
  scope: string[];
  forbidden: string[];
  edits: Record<string, string>;
  claims: { patterns: string[]; mode: 'write' | 'read'; reason: string }[];
}

const SESSIONS: DemoSession[] = [
  {
    title: 'Add order search',
    owner: 'ana',
    agent: 'claude-code',
    objective: 'Search orders by customer and date',
    scope: ['src/api/**', 'db/migrations/**'],
    forbidden: ['src/ui/**'],
    edits: { 'src/api/orders.ts': 'export function listOrders(query = "") {\n  return [query];\n}\n' },
    claims: [{ patterns: ['src/api/**', 'db/migrations/**'], mode: 'write', reason: 'search endpoint and its index' }],
  },
  {
    title: 'Cart redesign',
    owner: 'ben',
    agent: 'codex',
    objective: 'New cart layout',
    scope: ['src/ui/**'],
    forbidden: ['db/**'],
    edits: { 'src/ui/cart.tsx': 'export const Cart = () => "cart";\n' },
    claims: [{ patterns: ['src/ui/**'], mode: 'write', reason: 'new cart layout' }],
  },
  {
    title: 'Index orders by date',
    owner: 'cy',
    agent: 'claude-code',
    objective: 'Speed up the order list',
    scope: ['db/migrations/**', 'src/api/orders.ts'],
    forbidden: [],
    edits: { 'src/api/orders.ts': 'export function listOrders() {\n  return []; // by date\n}\n' },
    claims: [{ patterns: ['db/migrations/0001_init.sql'], mode: 'read', reason: 'reads the schema' }],
  },
];

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

export interface RunningDemo {
  repoPath: string;
  stop(): void;
}

/**
 * A sample repository with three sessions whose work overlaps, and simulated agents that keep
 * checkpointing and now and then wait on the lead, so the control room has something to show.
 */
export async function startDemo(store: BoardStore, context: { dataDir: string; url: string }): Promise<RunningDemo> {
  const repoPath = join(context.dataDir, 'demo', 'shop');
  const actor = 'demo';
  if (!existsSync(join(repoPath, '.git'))) {
    await mkdir(repoPath, { recursive: true });
    await git(['init', '--quiet', '--initial-branch=main'], repoPath);
    await git(['config', 'user.name', 'Signalbox demo'], repoPath);
    await git(['config', 'user.email', 'demo@signalbox.invalid'], repoPath);
    await writeFiles(repoPath, FILES);
    await git(['add', '-A'], repoPath);
    await git(['commit', '--quiet', '-m', 'Initial shop'], repoPath);
  }
  const repo = await addRepo(store, { path: repoPath, gate: 'true' }, actor);
  if (readSessions(store).length === 0) {
    for (const spec of SESSIONS) {
      const session = await newSession(
        store,
        context,
        {
          repo: repo.id,
          title: spec.title,
          owner: spec.owner,
          agent: spec.agent,
          objective: spec.objective,
          scope: spec.scope,
          forbidden: spec.forbidden,
          cadenceMinutes: 30,
        },
        actor,
      );
      await writeFiles(session.worktree, spec.edits);
      for (const claim of spec.claims) {
        claimLeases(store, { session: session.id, ...claim }, `session:${session.id}`);
      }
      await recordCheckpoint(store, { session: session.id, note: 'started' }, `session:${session.id}`);
    }
    const cart = readSessions(store).find((s) => s.title === 'Cart redesign');
    if (cart) {
      const request = { session: cart.id, tier: 3 as const, action: 'Merge the cart redesign to main', detail: 'All tests pass.' };
      requestApproval(store, request, `session:${cart.id}`);
    }
  }

  let tick = 0;
  const timer = setInterval(() => {
    // A session awaiting the lead's decision stays put: going back to work would expire its request.
    const live = readSessions(store).filter((s) => s.status !== 'paused' && s.status !== 'awaiting-approval');
    if (!live.length) return;
    const session = live[tick++ % live.length]!;
    const as = `session:${session.id}`;
    const step =
      tick % 5 === 0
        ? Promise.resolve(setStatus(store, { session: session.id, status: 'blocked', blocker: 'Permission prompt: run npm test?' }, as))
        : tick % 5 === 1 && session.status === 'blocked'
          ? Promise.resolve(setStatus(store, { session: session.id, status: 'active' }, as))
          : recordCheckpoint(store, { session: session.id, note: `step ${tick}`, tests: 'pass', testCommand: 'npm test' }, as);
    step.catch(() => undefined);
  }, 4_000);
  timer.unref();
  return { repoPath, stop: () => clearInterval(timer) };
}
