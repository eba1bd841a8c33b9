import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';
import { payload, runHook, Workbench } from './hook-harness';

let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;
let bench: Workbench;

beforeAll(async () => {
  data = tempDir('signalbox-story-');
  coordinator = await serveCoordinator(data.path);
  bench = await Workbench.create(coordinator, {
    'db/migrations/0001_init.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER);\n',
    'src/orders.ts': 'export const byCustomer = (id: number) => [];\n',
    'test/orders.test.ts': "import { byCustomer } from '../src/orders';\n",
  });
});

afterAll(async () => {
  await bench.cleanup();
  await coordinator.kill();
  data.remove();
});

/** The agent's Write goes through its PreToolUse hook first; the file is written only if the hook does not deny it. */
function agentWrites(worktree: string, file: string, content: string) {
  const hook = runHook(payload('pre-tool-use-write', { cwd: worktree, file: join(worktree, file), content }), { cwd: worktree });
  expect(hook.code).toBe(0);
  const denied = hook.output?.hookSpecificOutput?.permissionDecision === 'deny';
  if (!denied) {
    mkdirSync(dirname(join(worktree, file)), { recursive: true });
    writeFileSync(join(worktree, file), content);
  }
  return { denied, reason: hook.output?.hookSpecificOutput?.permissionDecisionReason ?? '' };
}

it('two agents, one migration folder: the second is stopped before its edit, moved to tests, and both land on main', async () => {
  const git = (cwd: string, ...args: string[]) => bench.repo.run(args, cwd);
  const a = bench.session('Orders index', '--owner', 'ana');
  const b = bench.session('Search', '--owner', 'bo');
  expect(bench.cli(['claim', 'db/migrations/**', '--reason', 'adding the customer index'], a.worktree).code).toBe(0);

  const indexSql = 'CREATE INDEX orders_customer ON orders (customer_id);\n';
  const searchSql = 'CREATE INDEX orders_search ON orders (id);\n';
  const blocked = agentWrites(b.worktree, 'db/migrations/0002_add_index.sql', searchSql);
  expect(blocked.denied).toBe(true);
  expect(blocked.reason).toContain(`session ${a.id} ("Orders index", owner ana)`);
  expect(blocked.reason).toMatch(/hand-off|work elsewhere/);
  expect(existsSync(join(b.worktree, 'db/migrations/0002_add_index.sql'))).toBe(false);

  expect(agentWrites(a.worktree, 'db/migrations/0002_add_index.sql', indexSql).denied).toBe(false);

  const version = (await bench.show(b.id)).session.version;
  const moved = bench.cli([
    'session', 'update', b.id, '--expect-version', String(version),
    '--scope', 'test/**', '--objective', 'Cover the customer index with tests',
  ]);
  expect(moved.code).toBe(0);
  const contract = runHook(payload('session-start', { cwd: b.worktree }), { cwd: b.worktree }).output?.hookSpecificOutput?.additionalContext;
  expect(contract).toContain('Scope: test/**');
  expect(contract).toContain(`write db/migrations/** — session ${a.id}`);

  const testCode = "it('finds orders by customer through the index', () => {});\n";
  expect(agentWrites(b.worktree, 'test/orders-index.test.ts', testCode).denied).toBe(false);
  expect(agentWrites(b.worktree, 'db/migrations/0002_add_index.sql', searchSql).denied).toBe(true);

  await git(a.worktree, 'add', '--all');
  await git(a.worktree, 'commit', '-m', 'Index orders by customer');
  await git(b.worktree, 'add', '--all');
  await git(b.worktree, 'commit', '-m', 'Test the customer index');

  await git(bench.repo.root, 'merge', '--no-ff', '-m', `Merge ${a.branch}`, a.branch);
  await git(bench.repo.root, 'merge', '--no-ff', '-m', `Merge ${b.branch}`, b.branch);

  const root = bench.repo.root;
  expect(readFileSync(join(root, 'db/migrations/0002_add_index.sql'), 'utf8')).toBe(indexSql);
  expect(readFileSync(join(root, 'test/orders-index.test.ts'), 'utf8')).toBe(testCode);
  expect(readFileSync(join(root, 'test/orders.test.ts'), 'utf8')).toBe("import { byCustomer } from '../src/orders';\n");
  const numbers = readdirSync(join(root, 'db/migrations')).map((name) => name.split('_')[0]);
  expect(numbers).toEqual(['0001', '0002']);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect((await git(root, 'log', '--first-parent', '--format=%s', '-3')).trim().split('\n')).toEqual([`Merge ${b.branch}`, `Merge ${a.branch}`, 'initial']);
});
