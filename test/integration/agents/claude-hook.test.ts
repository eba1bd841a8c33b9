import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';
import { payload, runHook, Workbench } from './hook-harness';

const FILES = {
  'db/migrations/0001_init.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY);\n',
  'src/orders.ts': 'export function total(items) {\n  return 0;\n}\n',
  'app/[slug]/page.tsx': 'export default function Page() {}\n',
  'notebooks/report.ipynb': '{"cells": []}\n',
  'config/.env.example': 'API_TIMEOUT=30\nRETRIES=1\n',
  'README.md': '# shop\n',
};

let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;
let bench: Workbench;

beforeAll(async () => {
  data = tempDir('signalbox-hook-');
  coordinator = await serveCoordinator(data.path);
});

afterAll(async () => {
  await coordinator.kill();
  data.remove();
});

afterEach(async () => {
  await bench?.cleanup();
});

function write(worktree: string, file: string, tool = 'pre-tool-use-write', env: Record<string, string> = {}) {
  return runHook(payload(tool, { cwd: worktree, file: join(worktree, file), content: 'CREATE INDEX x;\n' }), { cwd: worktree, env });
}

describe('PreToolUse on a write tool', () => {
  it('denies a write into another session’s write lease before it happens, naming the holder, owner, lease and what to do', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const a = bench.session('Migrations', '--owner', 'ana');
    const b = bench.session('Search', '--owner', 'bo');
    expect(bench.cli(['claim', 'db/migrations/**'], a.worktree).code).toBe(0);

    const run = write(b.worktree, 'db/migrations/0002_add_index.sql');
    expect(run.code).toBe(0);
    expect(run.output?.hookSpecificOutput).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'deny' });
    const reason = run.output!.hookSpecificOutput!.permissionDecisionReason!;
    expect(reason).toContain(`session ${a.id} ("Migrations", owner ana)`);
    expect(reason).toContain('write lease db/migrations/**');
    expect(reason).toMatch(/hand-off .*signalbox reassign --paths "db\/migrations\/\*\*" --to s\d+.*work elsewhere/);
    expect((await bench.show(b.id)).leases).toEqual([]);
  });

  it('allows a clear write silently and leases the file to the session once, on its first write', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const b = bench.session('Orders');
    const first = write(b.worktree, 'src/orders.ts', 'pre-tool-use-edit');
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect((await bench.show(b.id)).leases).toMatchObject([{ pattern: 'src/orders.ts', mode: 'write' }]);

    const before = (await coordinator.api('board', {})).body.lastEventId as number;
    expect(write(b.worktree, 'src/orders.ts', 'pre-tool-use-edit')).toMatchObject({ code: 0, stdout: '' });
    expect(await bench.events(before)).toEqual([]);
  });

  it('leases a path with glob characters as exactly that path', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const b = bench.session('Pages');
    expect(write(b.worktree, 'app/[slug]/page.tsx', 'pre-tool-use-edit').stdout).toBe('');
    expect((await bench.show(b.id)).leases).toMatchObject([{ pattern: 'app/[[]slug[]]/page.tsx' }]);
    const other = bench.session('Other pages');
    expect(write(other.worktree, 'app/[slug]/page.tsx').output?.hookSpecificOutput?.permissionDecision).toBe('deny');
    expect(write(other.worktree, 'app/s/page.tsx').stdout).toBe('');
  });

  it('does not lease with SIGNALBOX_AUTOCLAIM=0', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const b = bench.session('Orders');
    expect(write(b.worktree, 'src/orders.ts', 'pre-tool-use-edit', { SIGNALBOX_AUTOCLAIM: '0' }).stdout).toBe('');
    expect((await bench.show(b.id)).leases).toEqual([]);
  });

  it('denies a MultiEdit inside a forbidden glob', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const b = bench.session('Timeouts', '--forbid', 'config/**');
    const run = write(b.worktree, 'config/.env.example', 'pre-tool-use-multiedit');
    expect(run.output?.hookSpecificOutput?.permissionDecision).toBe('deny');
    expect(run.output?.hookSpecificOutput?.permissionDecisionReason).toMatch(/forbidden area \(config\/\*\*\)/);
  });

  it('notes an out-of-scope NotebookEdit, and refuses it when the scope is strict', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const b = bench.session('Api', '--scope', 'src/**');
    const loose = write(b.worktree, 'notebooks/report.ipynb', 'pre-tool-use-notebook-edit', { SIGNALBOX_AUTOCLAIM: '0' });
    expect(loose.output?.hookSpecificOutput).toEqual({
      hookEventName: 'PreToolUse',
      additionalContext: expect.stringMatching(/out-of-scope: notebooks\/report\.ipynb is outside this session's scope \(src\/\*\*\)/),
    });
    const strict = write(b.worktree, 'notebooks/report.ipynb', 'pre-tool-use-notebook-edit', { SIGNALBOX_STRICT_SCOPE: '1' });
    expect(strict.output?.hookSpecificOutput?.permissionDecision).toBe('deny');
  });

  it('lets a soft overlap through with a note the agent reads, leaving Claude Code’s own permission prompt in place', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const a = bench.session('Reader');
    const b = bench.session('Writer');
    expect(bench.cli(['claim', 'src/**', '--mode', 'read'], a.worktree).code).toBe(0);
    const run = write(b.worktree, 'src/orders.ts', 'pre-tool-use-edit');
    expect(run.output?.hookSpecificOutput?.permissionDecision).toBeUndefined();
    expect(run.output?.hookSpecificOutput?.additionalContext).toMatch(new RegExp(`soft-overlap: .*session ${a.id}`));
  });

  it('makes a refusal advisory with SIGNALBOX_GUARD=warn', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const a = bench.session('Migrations');
    const b = bench.session('Search');
    bench.cli(['claim', 'db/migrations/**'], a.worktree);
    const run = write(b.worktree, 'db/migrations/0002_add_index.sql', 'pre-tool-use-write', { SIGNALBOX_GUARD: 'warn' });
    expect(run.output?.hookSpecificOutput?.permissionDecision).toBeUndefined();
    expect(run.output?.hookSpecificOutput?.additionalContext).toMatch(/hard-collision.*advisory only/s);
  });

  it('denies a write into the main checkout or another session’s worktree, and ignores files outside the repository', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const a = bench.session('A');
    const b = bench.session('B');
    const intoMain = runHook(payload('pre-tool-use-write', { cwd: b.worktree, file: join(bench.repo.root, 'src/orders.ts') }), { cwd: b.worktree });
    expect(intoMain.output?.hookSpecificOutput?.permissionDecisionReason).toMatch(/main checkout/);
    const intoA = runHook(payload('pre-tool-use-write', { cwd: b.worktree, file: join(a.worktree, 'src/orders.ts') }), { cwd: b.worktree });
    expect(intoA.output?.hookSpecificOutput?.permissionDecisionReason).toContain(`session ${a.id}'s worktree`);
    const scratch = runHook(payload('pre-tool-use-write', { cwd: b.worktree, file: join(data.path, 'scratch.txt') }), { cwd: b.worktree });
    expect(scratch).toMatchObject({ code: 0, stdout: '' });
  });

  it('finds the session from Claude Code’s project directory even when the agent has cd’d elsewhere', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const a = bench.session('Migrations');
    const b = bench.session('Search');
    bench.cli(['claim', 'db/migrations/**'], a.worktree);
    const run = runHook(payload('pre-tool-use-write', { cwd: data.path, file: join(b.worktree, 'db/migrations/0002.sql') }), {
      cwd: data.path,
      env: { CLAUDE_PROJECT_DIR: b.worktree },
    });
    expect(run.output?.hookSpecificOutput?.permissionDecision).toBe('deny');
  });
});

describe('other events', () => {
  it('at PostToolUse re-reads the changed set at once, and says nothing', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const b = bench.session('Heartbeat');
    writeFileSync(join(b.worktree, 'src/orders.ts'), 'changed by the agent\n');
    const run = runHook(payload('post-tool-use-write', { cwd: b.worktree, file: join(b.worktree, 'src/orders.ts'), content: 'x' }), {
      cwd: b.worktree,
    });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    const detail = (await coordinator.api('session.show', { id: b.id })).body;
    expect(detail.changedPaths).toContain('src/orders.ts');
    expect(Date.parse(detail.session.lastSync)).toBeGreaterThan(Date.parse(detail.session.createdAt));
  });

  it('passes other tools and unknown events silently without touching the board', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const b = bench.session('Quiet');
    const before = (await coordinator.api('board', {})).body.lastEventId as number;
    for (const name of ['pre-tool-use-bash', 'session-end']) {
      const run = runHook(payload(name, { cwd: b.worktree, file: join(b.worktree, 'src/orders.ts'), content: 'x' }), { cwd: b.worktree });
      expect(run, name).toMatchObject({ code: 0, stdout: '' });
    }
    expect(await bench.events(before)).toEqual([]);
  });

  it('prints the session’s contract at SessionStart: objective, scope, forbidden, and what others hold', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const a = bench.session('Migrations', '--owner', 'ana');
    const b = bench.session('Search', '--owner', 'bo', '--scope', 'src/**', '--forbid', 'config/**');
    bench.cli(['session', 'update', b.id, '--expect-version', '1', '--objective', 'Full-text search over orders']);
    bench.cli(['claim', 'db/migrations/**', '--reason', 'adding the orders index'], a.worktree);
    const run = runHook(payload('session-start', { cwd: b.worktree }), { cwd: b.worktree });
    expect(run.code).toBe(0);
    expect(run.output?.hookSpecificOutput?.hookEventName).toBe('SessionStart');
    const context = run.output!.hookSpecificOutput!.additionalContext!;
    expect(context).toContain(`Signalbox session ${b.id} "Search" (owner bo)`);
    expect(context).toContain('Objective: Full-text search over orders');
    expect(context).toContain('Scope: src/**');
    expect(context).toContain('Forbidden: config/**');
    expect(context).toContain(`write db/migrations/** — session ${a.id} "Migrations" (owner ana): adding the orders index`);
  });
});

describe('input the hook cannot trust', () => {
  it('exits 0 quietly on empty, non-JSON and non-object input', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const b = bench.session('Robust');
    for (const input of ['', 'not json at all', '[1,2,3]', '{"hook_event_name": 42}', 'null']) {
      expect(runHook(input, { cwd: b.worktree }), JSON.stringify(input)).toMatchObject({ code: 0, stdout: '' });
    }
  });

  it('decides a multi-megabyte Write like any other', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const a = bench.session('Migrations');
    const b = bench.session('Search');
    bench.cli(['claim', 'db/migrations/**'], a.worktree);
    const content = 'INSERT INTO orders VALUES (1);\n'.repeat(300_000);
    const big = (file: string) => payload('pre-tool-use-write', { cwd: b.worktree, file: join(b.worktree, file), content });
    expect(runHook(big('src/seed.sql'), { cwd: b.worktree })).toMatchObject({ code: 0, stdout: '' });
    expect(runHook(big('db/migrations/0003_seed.sql'), { cwd: b.worktree }).output?.hookSpecificOutput?.permissionDecision).toBe('deny');
  });

  it('still refuses a guarded write whose payload is cut off or too large to read whole', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const a = bench.session('Migrations');
    const b = bench.session('Search');
    bench.cli(['claim', 'db/migrations/**'], a.worktree);
    const full = payload('pre-tool-use-write', { cwd: b.worktree, file: join(b.worktree, 'db/migrations/0002.sql'), content: 'x'.repeat(40 * 1024 * 1024) });
    const huge = runHook(full, { cwd: b.worktree });
    expect(huge.code).toBe(0);
    expect(huge.output?.hookSpecificOutput?.permissionDecisionReason).toContain(`session ${a.id}`);
    const cut = runHook(full.slice(0, 2000), { cwd: b.worktree });
    expect(cut.output?.hookSpecificOutput?.permissionDecision).toBe('deny');
  });

  it('fails closed on a guarded write when no coordinator runs, and only then', async () => {
    const own = tempDir('signalbox-hook-down-');
    const down = await serveCoordinator(own.path);
    const repoBench = await Workbench.create(down, FILES);
    const b = repoBench.session('Orphan');
    await down.kill();
    try {
      const refused = write(b.worktree, 'src/orders.ts', 'pre-tool-use-edit');
      expect(refused.code).toBe(0);
      expect(refused.output?.hookSpecificOutput?.permissionDecision).toBe('deny');
      expect(refused.output?.hookSpecificOutput?.permissionDecisionReason).toMatch(/could not check this write: no Signalbox coordinator answers .*signalbox serve/s);
      const advisory = write(b.worktree, 'src/orders.ts', 'pre-tool-use-edit', { SIGNALBOX_GUARD: 'warn' });
      expect(advisory.output?.hookSpecificOutput).toEqual({ hookEventName: 'PreToolUse', additionalContext: expect.stringMatching(/advisory only/) });
      for (const name of ['stop', 'notification-permission-prompt', 'session-start', 'pre-tool-use-bash']) {
        expect(runHook(payload(name, { cwd: b.worktree }), { cwd: b.worktree }), name).toMatchObject({ code: 0, stdout: '' });
      }
    } finally {
      await repoBench.cleanup();
      own.remove();
    }
  });

  it('passes everything outside a Signalbox session worktree', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const run = write(bench.repo.root, 'db/migrations/0002.sql');
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });
});
