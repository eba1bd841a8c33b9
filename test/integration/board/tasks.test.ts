import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardEvent, Session, Task } from '../../../src/shared/board';
import { makeRepo } from '../../helpers/git-fixture';
import { runCli, serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;
let ana: Session;
let ben: Session;
let benToken: string;
const cli = (args: string[], cwd?: string) => runCli(['--data', data.path, ...args], { cwd });
const lead = async <T>(op: string, input: unknown): Promise<T> => {
  const { status, body } = await coordinator.api(op, input);
  if (status !== 200) throw new Error(`${op} → ${status}: ${JSON.stringify(body)}`);
  return body as T;
};
const taskOf = async (id: string) => (await lead<{ tasks: Task[] }>('board', {})).tasks.find((t) => t.id === id);
const eventsOf = async (id: string) => (await lead<BoardEvent[]>('events.since', { after: 0 })).filter((e) => e.subject === `task:${id}`);

beforeAll(async () => {
  repo = await makeRepo({ files: { 'src/a.ts': 'a\n' } });
  data = tempDir('signalbox-tasks-');
  coordinator = await serveCoordinator(data.path);
  ana = await lead<Session>('session.new', { repo: repo.root, title: 'Search', owner: 'ana' });
  ben = await lead<Session>('session.new', { repo: repo.root, title: 'Billing', owner: 'ben' });
  const gitDir = (await repo.run(['rev-parse', '--absolute-git-dir'], ben.worktree)).trim();
  benToken = (JSON.parse(readFileSync(join(gitDir, 'signalbox', 'session.json'), 'utf8')) as { token: string }).token;
});

afterAll(async () => {
  await coordinator.kill();
  data.remove();
  await repo.cleanup();
});

describe('tasks on the board', () => {
  it('creates, lists and updates tasks from the CLI; the board carries them and every change is audited', async () => {
    const created = cli(['--json', 'task', 'new', '--title', 'Index the catalogue', '--objective', 'p95 under 50 ms', '--session', ana.id]);
    expect(created.code).toBe(0);
    const task = created.json as Task;
    expect(task).toMatchObject({ title: 'Index the catalogue', objective: 'p95 under 50 ms', session: ana.id, status: 'todo', blockedBy: [], version: 1 });

    const follow = cli(['--json', 'task', 'new', '--title', 'Rank results', '--blocked-by', task.id]).json as Task;
    expect(follow).toMatchObject({ session: null, blockedBy: [task.id] });
    expect(cli(['task', 'list']).stdout).toMatch(new RegExp(`${follow.id}\\s+todo\\s+—\\s+${task.id}\\s+Rank results`));
    expect((cli(['--json', '--session', ana.id, 'task', 'list']).json as Task[]).map((t) => t.id)).toEqual([task.id]);

    const updated = cli(['--json', 'task', 'update', task.id, '--expect-version', '1', '--status', 'doing']);
    expect(updated.json).toMatchObject({ id: task.id, status: 'doing', version: 2 });
    await expect(taskOf(task.id)).resolves.toMatchObject({ status: 'doing', version: 2 });
    expect((await eventsOf(task.id)).map((e) => [e.kind, e.actor])).toEqual([
      ['task.created', 'lead'],
      ['task.updated', 'lead'],
    ]);
  });

  it('refuses a stale version with who changed the task, and applies nothing (exit 3)', async () => {
    const task = await lead<Task>('task.new', { title: 'Retry payments', session: ben.id });
    await lead('task.update', { id: task.id, expectVersion: 1, fields: { objective: 'three tries' } });
    const stale = cli(['--json', 'task', 'update', task.id, '--expect-version', '1', '--title', 'Drop retries']);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toMatch(new RegExp(`task ${task.id} was changed by lead at .* \\(now version 2, you read 1\\)`));
    await expect(taskOf(task.id)).resolves.toMatchObject({ title: 'Retry payments', objective: 'three tries', version: 2 });
  });

  it('refuses a blocker that does not exist, or one that would close a cycle, and keeps the old blockers (exit 2)', async () => {
    const first = await lead<Task>('task.new', { title: 'Schema' });
    const second = await lead<Task>('task.new', { title: 'Migration', blockedBy: [first.id] });
    const third = await lead<Task>('task.new', { title: 'Backfill', blockedBy: [second.id] });

    const missing = cli(['task', 'new', '--title', 'Orphan', '--blocked-by', 't999']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Task t999 does not exist/);

    const cycle = cli(['task', 'update', first.id, '--expect-version', '1', '--blocked-by', third.id]);
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toContain(`${first.id} → blocked by ${third.id} → blocked by ${second.id} → blocked by ${first.id} would be a cycle`);
    expect(cli(['task', 'update', first.id, '--expect-version', '1', '--blocked-by', first.id]).stderr).toMatch(/cannot be blocked by itself/);
    await expect(taskOf(first.id)).resolves.toMatchObject({ blockedBy: [], version: 1 });

    const cleared = cli(['--json', 'task', 'update', third.id, '--expect-version', '1', '--clear-blocked-by']);
    expect(cleared.json).toMatchObject({ blockedBy: [], version: 2 });
  });

  it('lets a session create and change only its own tasks', async () => {
    const own = runCli(['--json', 'task', 'new', '--title', 'Invoice PDF'], { cwd: ben.worktree });
    expect(own.code).toBe(0);
    const task = own.json as Task;
    expect(task.session).toBe(ben.id);
    expect((await eventsOf(task.id))[0]?.actor).toBe(`session:${ben.id}`);

    const forOther = await coordinator.api('task.new', { title: 'Sneaky', session: ana.id }, benToken);
    expect(forOther.status).toBe(409);
    expect(forOther.body.error.message).toMatch(`Session ${ben.id} may not create a task for session ${ana.id}`);

    const anas = await lead<Task>('task.new', { title: 'Facets', session: ana.id });
    const edit = await coordinator.api('task.update', { id: anas.id, expectVersion: 1, fields: { status: 'done' } }, benToken);
    expect(edit.status).toBe(409);
    await expect(taskOf(anas.id)).resolves.toMatchObject({ status: 'todo', version: 1 });

    const mine = runCli(['--json', 'task', 'update', task.id, '--expect-version', '1', '--status', 'done'], { cwd: ben.worktree });
    expect(mine.json).toMatchObject({ status: 'done', version: 2 });
  });

  it('reassigns a task: taking it from a live session needs the lead and --confirm (tier 3), each move audited', async () => {
    const task = await lead<Task>('task.new', { title: 'Currency rounding', session: ana.id });

    const unconfirmed = cli(['reassign', '--task', task.id, '--to', ben.id]);
    expect(unconfirmed.code).toBe(3);
    expect(unconfirmed.stderr).toMatch(new RegExp(`takes it from session ${ana.id}, which is still live: that is a tier-3 ownership override`));
    const bySession = await coordinator.api('task.reassign', { id: task.id, to: ben.id, confirm: true }, benToken);
    expect(bySession.status).toBe(409);
    await expect(taskOf(task.id)).resolves.toMatchObject({ session: ana.id, version: 1 });

    const moved = cli(['--json', 'reassign', '--task', task.id, '--to', ben.id, '--confirm']);
    expect(moved.code).toBe(0);
    expect(moved.json).toMatchObject({ id: task.id, session: ben.id, version: 2 });
    const reassigned = (await eventsOf(task.id)).filter((e) => e.kind === 'task.reassigned');
    expect(reassigned).toEqual([expect.objectContaining({ actor: 'lead', before: expect.objectContaining({ session: ana.id }), after: expect.objectContaining({ session: ben.id }) })]);

    const handOff = runCli(['--json', 'reassign', '--task', task.id, '--to', ana.id], { cwd: ben.worktree });
    expect(handOff.json).toMatchObject({ session: ana.id });

    const unowned = await lead<Task>('task.new', { title: 'Docs' });
    expect(cli(['--json', 'reassign', '--task', unowned.id, '--to', ana.id]).json).toMatchObject({ session: ana.id });
    expect(cli(['reassign', '--to', ana.id]).code).toBe(2);
  });
});
