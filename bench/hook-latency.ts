/**
 * How long an agent waits on Signalbox before each file write: the real `signalbox hook
 * claude-code` process, from spawn to its answer, against a real coordinator — beside `node -e 0`,
 * the cost of starting node at all, measured interleaved in the same run.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeRepo } from '../test/helpers/git-fixture';
import { BIN, serveCoordinator, tempDir } from '../test/helpers/signalbox-cli';
import type { BenchResult } from './bench-result';

const RUNS = 200;
const WARMUP = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Without the runner's CLAUDE_PROJECT_DIR or SIGNALBOX_* settings, as a fresh agent would run it. */
function agentEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SIGNALBOX_') && key !== 'CLAUDE_PROJECT_DIR'));
}

function timed(args: string[], input: string, cwd: string, env: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { input, cwd, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function preToolUse(worktree: string, file: string): string {
  return JSON.stringify({
    session_id: '8c3f1a52-6a0e-4d5b-9f7e-2b1d4c9e7a10',
    transcript_path: '/home/dev/.claude/projects/bench/8c3f1a52.jsonl',
    cwd: worktree,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Edit',
    tool_input: { file_path: join(worktree, file), old_string: 'a', new_string: 'b', replace_all: false },
    tool_use_id: 'toolu_01Bn4cQe8Ls2VtYw6XpR9jKd',
  });
}

function figure(name: string, sample: number[], baseline: number[], p: number, limit: number): BenchResult {
  const value = round(percentile(sample, p));
  const base = round(percentile(baseline, p));
  const label = p === 0.5 ? 'p50' : 'p99';
  return {
    name: `${name} ${label}`,
    value,
    unit: 'ms',
    baseline: { name: `node -e 0 ${label}, same run`, value: base, unit: 'ms' },
    target: `≤ ${limit}× baseline`,
    pass: value <= limit * base,
    note: `${RUNS} runs, ratio ${(value / base).toFixed(2)}×`,
  };
}

export async function benchHook(): Promise<BenchResult[]> {
  const repo = await makeRepo({ files: { 'src/orders.ts': 'a\n', 'db/migrations/0001_init.sql': 'a\n' } });
  const data = tempDir('signalbox-bench-hook-');
  const coordinator = await serveCoordinator(data.path);
  try {
    const holder = (await coordinator.api('session.new', { repo: repo.root, title: 'Migrations', agent: 'claude-code' })).body;
    const agent = (await coordinator.api('session.new', { repo: repo.root, title: 'Orders', agent: 'claude-code' })).body;
    await coordinator.api('claim', { session: holder.id, patterns: ['db/migrations/**'], mode: 'write' });
    const env = agentEnv();
    const hook = [BIN, 'hook', 'claude-code'];
    const clear = preToolUse(agent.worktree, 'src/orders.ts');
    const denied = preToolUse(agent.worktree, 'db/migrations/0002_add_index.sql');
    if (!timed(hook, denied, agent.worktree, env).stdout.includes('"deny"')) throw new Error('the bench setup does not produce a refusal');
    for (let i = 0; i < WARMUP; i++) timed(hook, clear, agent.worktree, env);

    const node: number[] = [];
    const allow: number[] = [];
    const deny: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      node.push(timed(['-e', '0'], '', agent.worktree, env).ms);
      allow.push(timed(hook, clear, agent.worktree, env).ms);
      deny.push(timed(hook, denied, agent.worktree, env).ms);
    }
    for (const sample of [node, allow, deny]) sample.sort((a, b) => a - b);
    return [
      figure('PreToolUse decision, clear write (already leased)', allow, node, 0.5, 1.5),
      figure('PreToolUse decision, clear write (already leased)', allow, node, 0.99, 2.5),
      figure('PreToolUse decision, refused write', deny, node, 0.5, 1.5),
      figure('PreToolUse decision, refused write', deny, node, 0.99, 2.5),
    ];
  } finally {
    await coordinator.kill();
    data.remove();
    await repo.cleanup();
  }
}
