import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';
import { payload, runHook, Workbench } from './hook-harness';

const FILES = { 'src/orders.ts': 'export const orders = [];\n', 'README.md': '# shop\n' };
/** Long enough that the runs inside it are surely inside it on a slow machine; short enough to wait out. */
const HOLD_MS = 4_000;

let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;
let bench: Workbench;

beforeAll(async () => {
  data = tempDir('signalbox-status-');
  coordinator = await serveCoordinator(data.path);
});

afterAll(async () => {
  await coordinator.kill();
  data.remove();
});

afterEach(async () => {
  await bench?.cleanup();
});

const env = { SIGNALBOX_STATUS_HOLD_MS: String(HOLD_MS) };
const event = (name: string, worktree: string) => runHook(payload(name, { cwd: worktree, file: join(worktree, 'src/orders.ts') }), { cwd: worktree, env });
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function statusKinds(id: string, after: number): Promise<string[]> {
  const events = (await bench.events(after)).filter((e) => e.kind === 'session.status' && e.subject === `session:${id}`);
  return events.map((e) => ((e as unknown as { after: { status: string } }).after.status));
}

describe('status from Claude Code hooks', () => {
  it('marks the session blocked on a permission prompt, with the prompt as blocker', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Prompted');
    expect(event('notification-permission-prompt', s.worktree)).toMatchObject({ code: 0, stdout: '' });
    const { session } = await bench.show(s.id);
    expect(session).toMatchObject({ status: 'blocked', blocker: { text: 'Claude needs your permission to use Bash' } });
  });

  it('marks it review-ready when the turn ends; an idle prompt after that keeps review-ready', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Finishing');
    expect(event('stop', s.worktree)).toMatchObject({ code: 0, stdout: '' });
    expect((await bench.show(s.id)).session.status).toBe('review-ready');
    event('notification-idle-prompt', s.worktree);
    expect((await bench.show(s.id)).session.status).toBe('review-ready');
  });

  it('marks it blocked (idle) at the end of a turn with SIGNALBOX_STOP_STATUS=idle, and leaves it with none', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const idle = bench.session('Idle');
    runHook(payload('stop', { cwd: idle.worktree }), { cwd: idle.worktree, env: { SIGNALBOX_STOP_STATUS: 'idle' } });
    expect((await bench.show(idle.id)).session).toMatchObject({ status: 'blocked', blocker: { text: expect.stringMatching(/waits for its next prompt/) } });
    const none = bench.session('Untracked');
    runHook(payload('stop', { cwd: none.worktree }), { cwd: none.worktree, env: { SIGNALBOX_STOP_STATUS: 'none' } });
    expect((await bench.show(none.id)).session.status).toBe('active');
  });

  it('does not bounce: a write right after Stop keeps review-ready; work past the hold makes it active again', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Bouncy');
    const start = (await coordinator.api('board', {})).body.lastEventId as number;
    event('stop', s.worktree);
    expect(event('pre-tool-use-edit', s.worktree)).toMatchObject({ code: 0, stdout: '' });
    event('stop', s.worktree);
    expect(await statusKinds(s.id, start)).toEqual(['review-ready']);

    await sleep(HOLD_MS + 200);
    event('pre-tool-use-edit', s.worktree);
    expect((await bench.show(s.id)).session.status).toBe('active');
    event('stop', s.worktree);
    expect(await statusKinds(s.id, start)).toEqual(['review-ready', 'active', 'review-ready']);
  });

  it('takes back only what the hook set: the lead’s pause and the agent’s own blocked stay', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const paused = bench.session('Paused');
    event('stop', paused.worktree);
    expect(bench.cli(['session', 'pause', paused.id]).code).toBe(0);
    await sleep(HOLD_MS + 200);
    event('pre-tool-use-edit', paused.worktree);
    event('stop', paused.worktree);
    expect((await bench.show(paused.id)).session.status).toBe('paused');

    const waiting = bench.session('Waiting');
    expect(bench.cli(['status', 'set', 'blocked', '--blocker', 'needs the staging credentials'], waiting.worktree).code).toBe(0);
    event('stop', waiting.worktree);
    event('notification-idle-prompt', waiting.worktree);
    expect((await bench.show(waiting.id)).session).toMatchObject({ status: 'blocked', blocker: { text: 'needs the staging credentials' } });
  });

  it('makes it active again when a tool finishes after a permission prompt, at once and inside the hold', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Answered');
    const start = (await coordinator.api('board', {})).body.lastEventId as number;
    event('notification-permission-prompt', s.worktree);
    expect((await bench.show(s.id)).session.status).toBe('blocked');
    expect(event('post-tool-use-bash', s.worktree)).toMatchObject({ code: 0, stdout: '' });
    expect((await bench.show(s.id)).session).toMatchObject({ status: 'active', blocker: null });
    event('post-tool-use-bash', s.worktree);
    expect(await statusKinds(s.id, start)).toEqual(['blocked', 'active']);
  });

  it('after a permission prompt, a finished tool leaves alone what someone else set since: the lead’s pause, the agent’s own block', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const paused = bench.session('Paused at a prompt');
    event('notification-permission-prompt', paused.worktree);
    expect(bench.cli(['session', 'pause', paused.id]).code).toBe(0);
    event('post-tool-use-bash', paused.worktree);
    expect((await bench.show(paused.id)).session.status).toBe('paused');

    const waiting = bench.session('Own block after a prompt');
    event('notification-permission-prompt', waiting.worktree);
    expect(bench.cli(['status', 'set', 'blocked', '--blocker', 'needs the staging credentials'], waiting.worktree).code).toBe(0);
    event('post-tool-use-bash', waiting.worktree);
    expect((await bench.show(waiting.id)).session).toMatchObject({ status: 'blocked', blocker: { text: 'needs the staging credentials' } });
  });

  it('keeps the hold for review-ready: a tool finishing right after Stop keeps it, one past the hold makes it active', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Finished, then more');
    event('stop', s.worktree);
    event('post-tool-use-bash', s.worktree);
    expect((await bench.show(s.id)).session.status).toBe('review-ready');
    const pastTheHold = { SIGNALBOX_STATUS_HOLD_MS: '0' };
    runHook(payload('post-tool-use-bash', { cwd: s.worktree }), { cwd: s.worktree, env: pastTheHold });
    expect((await bench.show(s.id)).session.status).toBe('active');
  });

  it('resumes after the hold even when the session changed meanwhile (a checkpoint), as long as the status is still the hook’s', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Checkpointed');
    event('stop', s.worktree);
    expect(bench.cli(['checkpoint', '--note', 'half way'], s.worktree).code).toBe(0);
    await sleep(HOLD_MS + 200);
    event('pre-tool-use-edit', s.worktree);
    expect((await bench.show(s.id)).session.status).toBe('active');
  });
});

describe('approvals when the session moves on', () => {
  it('expires pending approvals when an awaiting-approval session goes back to active, with an audit event', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Asking');
    const requested = bench.cli(['--json', 'approval', 'request', '--tier', '3', '--action', 'merge to main'], s.worktree);
    expect(requested.code).toBe(0);
    const approval = requested.json as { id: string };
    bench.cli(['status', 'set', 'awaiting-approval', '--blocker', 'merge to main'], s.worktree);
    const before = (await coordinator.api('board', {})).body.lastEventId as number;
    expect(bench.cli(['status', 'set', 'active'], s.worktree).code).toBe(0);
    expect((await bench.show(s.id)).approvals).toMatchObject([{ id: approval.id, state: 'expired' }]);
    expect((await bench.events(before)).map((e) => e.kind)).toEqual(['session.status', 'approval.expired']);
  });
});

describe('approvals when the hook sees work go on', () => {
  it('a request made while the agent waited on a prompt expires when a finished tool shows it moved on', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Asked at a prompt');
    event('notification-permission-prompt', s.worktree);
    const requested = bench.cli(['--json', 'approval', 'request', '--tier', '2', '--action', 'rebase on main'], s.worktree);
    expect((await bench.show(s.id)).session.status).toBe('blocked');
    event('post-tool-use-bash', s.worktree);
    const shown = await bench.show(s.id);
    expect(shown.session.status).toBe('active');
    expect(shown.approvals).toMatchObject([{ id: (requested.json as { id: string }).id, state: 'expired' }]);
  });

  it('a request from a working session makes it awaiting-approval, which the hook leaves to the lead', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Asked while working');
    bench.cli(['approval', 'request', '--tier', '3', '--action', 'merge to main'], s.worktree);
    expect((await bench.show(s.id)).session.status).toBe('awaiting-approval');
    event('post-tool-use-bash', s.worktree);
    event('stop', s.worktree);
    const shown = await bench.show(s.id);
    expect(shown.session.status).toBe('awaiting-approval');
    expect(shown.approvals).toMatchObject([{ state: 'pending' }]);
  });
});

describe('Codex notify', () => {
  it('marks the session review-ready on agent-turn-complete and ignores anything else', async () => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Codex turn', '--agent', 'codex');
    const other = runHook('', { cwd: s.worktree, args: ['hook', 'codex', '{"type":"approval-requested"}'] });
    expect(other).toMatchObject({ code: 0, stdout: '' });
    expect((await bench.show(s.id)).session.status).toBe('active');
    const garbage = runHook('', { cwd: s.worktree, args: ['hook', 'codex', 'not json'] });
    expect(garbage).toMatchObject({ code: 0, stdout: '' });
    const turn = runHook('', { cwd: data.path, args: ['hook', 'codex', payload('codex-agent-turn-complete', { cwd: s.worktree })] });
    expect(turn).toMatchObject({ code: 0, stdout: '' });
    expect((await bench.show(s.id)).session.status).toBe('review-ready');
  });

  it('prints the notify line for ~/.codex/config.toml that runs this signalbox', () => {
    const printed = runCli(['hook', 'install', 'codex']);
    expect(printed.code).toBe(0);
    expect(printed.stdout.trim()).toBe(`notify = [${JSON.stringify(process.execPath)}, ${JSON.stringify(join(__dirname, '../../../bin/signalbox.mjs'))}, "hook", "codex"]`);
  });
});
