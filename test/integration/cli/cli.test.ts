import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, Session } from '../../../src/shared/board';
import { makeRepo } from '../../helpers/git-fixture';
import { runCli, serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;
const cli = (args: string[], cwd?: string) => runCli(['--data', data.path, ...args], { cwd });

beforeAll(async () => {
  repo = await makeRepo({ files: { 'src/a.ts': 'a\n' } });
  data = tempDir('signalbox-cli-');
  coordinator = await serveCoordinator(data.path);
});

afterAll(async () => {
  await coordinator.kill();
  data.remove();
  await repo.cleanup();
});

describe('signalbox CLI', () => {
  it('exits 4 with a clear message when no coordinator runs for the data directory', () => {
    const empty = tempDir('signalbox-none-');
    const result = runCli(['--data', empty.path, 'session', 'list']);
    empty.remove();
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/No Signalbox coordinator is running for .*signalbox serve/s);
  });

  it('exits 2 on bad usage and bad input', () => {
    expect(cli(['session', 'new', '--title', 'no repo']).code).toBe(2);
    const notGit = tempDir('signalbox-notgit-');
    const result = cli(['session', 'new', '--repo', notGit.path, '--title', 'x']);
    notGit.remove();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not inside a git repository/);
    expect(cli(['status', 'set', 'sleeping', '--session', 's1']).code).toBe(2);
  });

  it('writes discovery files the other commands use, the lead token readable only by the user', () => {
    expect(statSync(join(data.path, 'lead.token')).mode & 0o777).toBe(0o600);
    expect(statSync(join(data.path, 'coordinator.json')).isFile()).toBe(true);
  });

  it('creates, lists and shows sessions, as text and as JSON', () => {
    const created = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Add search', '--owner', 'ana', '--scope', 'src/**']);
    expect(created.code).toBe(0);
    const session = created.json as Session;
    expect(session).toMatchObject({ title: 'Add search', owner: 'ana', scope: ['src/**'], status: 'active', version: 1 });
    const list = cli(['session', 'list']);
    expect(list.stdout).toMatch(new RegExp(`${session.id}\\s+active\\s+ana\\s+Add search`));
    const show = cli(['--json', 'session', 'show', session.id]);
    expect((show.json as { session: Session }).session.id).toBe(session.id);
  });

  it('finds the session from the worktree it runs in and acts as that session', () => {
    const session = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Worker']).json as Session;
    const inside = join(session.worktree, 'src');
    const status = runCli(['--json', 'status', 'set', 'blocked', '--blocker', 'waiting on credentials'], { cwd: inside });
    expect(status.code).toBe(0);
    expect(status.json).toMatchObject({ id: session.id, status: 'blocked', blocker: { text: 'waiting on credentials' } });
    const checkpoint = runCli(['--json', 'checkpoint', '--note', 'half way', '--tests', 'pass', '--test-command', 'npm test'], {
      cwd: inside,
    });
    expect(checkpoint.json).toMatchObject({
      lastCheckpoint: { note: 'half way' },
      lastSuccessfulTest: { command: 'npm test' },
    });
    expect((checkpoint.json as Session).lastCheckpoint?.commit).toMatch(/^[0-9a-f]{40}$/);
    const whoEvents = cli(['--json', 'session', 'show', session.id]).json as { events: { actor: string }[] };
    expect(whoEvents.events.map((e) => e.actor)).toContain(`session:${session.id}`);
  });

  it('refuses a session token acting for another session (exit 3)', () => {
    const a = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'A']).json as Session;
    const b = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'B']).json as Session;
    const result = runCli(['session', 'pause', b.id], { cwd: a.worktree });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(new RegExp(`Session ${a.id} may not session.pause`));
  });

  it('of two clients updating the same version, exactly one wins; the other exits 3 naming the first', () => {
    const session = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Contested']).json as Session;
    const first = runCli(['--json', 'session', 'update', session.id, '--expect-version', '1', '--objective', 'by the agent'], {
      cwd: session.worktree,
    });
    const second = cli(['session', 'update', session.id, '--expect-version', '1', '--priority', '9']);
    expect(first.code).toBe(0);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(new RegExp(`changed by session:${session.id} at `));
    const shown = cli(['--json', 'session', 'show', session.id]).json as { session: Session };
    expect(shown.session).toMatchObject({ objective: 'by the agent', priority: 0 });
  });

  it('refuses a session widening its own contract (exit 3, code refused); the lead can', () => {
    const session = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Narrow', '--scope', 'src/**']).json as Session;
    for (const change of [['--scope', '**'], ['--forbid', 'x/**'], ['--owner', 'me'], ['--escalate', 'me'], ['--cadence', '999'], ['--priority', '9']]) {
      const refused = runCli(['--json', 'session', 'update', session.id, '--expect-version', '1', ...change], { cwd: session.worktree });
      expect(refused.code).toBe(3);
      expect(refused.json).toMatchObject({ error: { code: 'refused', message: expect.stringMatching(/the lead must do it/) } });
    }
    expect((cli(['--json', 'session', 'show', session.id]).json as { session: Session }).session).toMatchObject({ scope: ['src/**'], version: 1 });
    const led = cli(['--json', 'session', 'update', session.id, '--expect-version', '1', '--scope', '**', '--priority', '9']);
    expect(led.code).toBe(0);
    expect(led.json).toMatchObject({ scope: ['**'], priority: 9, updatedBy: 'lead' });
  });

  it('acts as the worktree’s session even with --session naming it, and never borrows the lead’s token there', () => {
    const a = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Named A']).json as Session;
    const b = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Named B']).json as Session;
    const own = runCli(['--json', '--session', a.id, 'status', 'set', 'blocked', '--blocker', 'tests'], { cwd: a.worktree });
    expect(own.code).toBe(0);
    expect(own.json).toMatchObject({ status: 'blocked', updatedBy: `session:${a.id}` });
    const other = runCli(['--json', '--session', b.id, 'status', 'set', 'blocked', '--blocker', 'not mine'], { cwd: a.worktree });
    expect(other.code).toBe(3);
    expect(other.json).toMatchObject({ error: { code: 'refused', message: expect.stringContaining(`Session ${a.id} may not status.set for session ${b.id}`) } });
    expect((cli(['--json', 'session', 'show', b.id]).json as { session: Session }).session.status).toBe('active');
    const lead = cli(['--json', '--session', b.id, 'status', 'set', 'blocked', '--blocker', 'by the lead']);
    expect(lead.json).toMatchObject({ status: 'blocked', updatedBy: 'lead' });
    const actors = (cli(['--json', 'session', 'show', a.id]).json as { events: { kind: string; actor: string }[] }).events;
    expect(actors.filter((e) => e.kind === 'session.status').map((e) => e.actor)).toEqual([`session:${a.id}`]);
  });

  it('ends a session, refusing to remove a worktree with uncommitted work', async () => {
    const session = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Ending']).json as Session;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(session.worktree, 'src/a.ts'), 'edited\n');
    const refused = cli(['session', 'end', session.id, '--remove-worktree']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/--preserve-diff/);
    const ended = cli(['--json', 'session', 'end', session.id, '--remove-worktree', '--preserve-diff']);
    expect(ended.code).toBe(0);
    expect(ended.json).toMatchObject({ worktreeRemoved: true, session: { status: 'completed' } });
  });

  it('resolves relative paths against the caller’s folder, not the coordinator’s', async () => {
    const here = await makeRepo({ files: { 'src/b.ts': 'b\n' } });
    const sibling = await makeRepo({ files: { 'c.txt': 'c\n' }, folderName: 'sibling' });
    try {
      const added = cli(['--json', 'repo', 'add', '..', '--worktree-root', '../../trees'], join(here.root, 'src'));
      expect(added.code).toBe(0);
      expect(added.json).toMatchObject({ path: here.root, worktreeRoot: join(here.dir, 'trees') });

      const elsewhere = join(sibling.dir, 'elsewhere');
      mkdirSync(elsewhere);
      const created = cli(['--json', 'session', 'new', '--repo', '../sibling', '--title', 'Relative'], elsewhere);
      expect(created.code).toBe(0);
      const session = created.json as Session;
      expect(session.worktree.startsWith(join(sibling.dir, 'sibling-worktrees'))).toBe(true);
      expect(cli(['--json', 'session', 'new', '--repo', session.repo, '--title', 'By id'], elsewhere).code).toBe(0);

      const installed = runCli(['--json', 'hook', 'install', 'claude-code', '--worktree', relative(elsewhere, session.worktree)], { cwd: elsewhere });
      expect(installed.json).toMatchObject({ session: session.id, settings: join(session.worktree, '.claude/settings.local.json') });

      const relativeData = relative(session.worktree, data.path);
      const status = runCli(['--json', '--data', relativeData, 'status', 'set', 'blocked', '--blocker', 'x'], { cwd: session.worktree });
      expect(status.json).toMatchObject({ status: 'blocked', updatedBy: `session:${session.id}` });
      expect(existsSync(join(session.worktree, relativeData))).toBe(true);
    } finally {
      await here.cleanup();
      await sibling.cleanup();
    }
  });

  it('changes nothing on bad input: an unknown base for a new repository registers no repository and writes no event', async () => {
    const fresh = tempDir('signalbox-cli-fresh-');
    const own = await serveCoordinator(fresh.path);
    const unregistered = await makeRepo({ files: { 'a.txt': 'a\n' } });
    try {
      const freshCli = (args: string[]) => runCli(['--data', fresh.path, '--json', ...args]);
      const refused = freshCli(['session', 'new', '--repo', unregistered.root, '--title', 'x', '--base', 'no-such-ref']);
      expect(refused.code).toBe(2);
      expect(refused.json).toMatchObject({ error: { message: expect.stringMatching(/no-such-ref/) } });
      expect(freshCli(['repo', 'list']).json).toEqual([]);
      expect((await own.api('events.since', { after: 0 })).body).toEqual([]);
      expect(await unregistered.run(['branch', '--list'])).toBe('* main\n');
    } finally {
      await own.kill();
      fresh.remove();
      await unregistered.cleanup();
    }
  });

  it('reassign --expect-version exits 3 naming the session that renewed the lease since the lead read it', () => {
    const holder = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Holder']).json as Session;
    const taker = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Taker']).json as Session;
    expect(runCli(['claim', 'notes/**', '--mode', 'read'], { cwd: holder.worktree }).code).toBe(0);
    const seen = (cli(['--json', 'board']).json as Board).leases.find((l) => l.session === holder.id && l.pattern === 'notes/**')!;
    expect(seen.version).toBe(1);
    expect(runCli(['claim', 'notes/**', '--mode', 'read', '--reason', 'still reading'], { cwd: holder.worktree }).code).toBe(0);
    const stale = cli(['reassign', '--paths', 'notes/**', '--to', taker.id, '--expect-version', String(seen.version)]);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toMatch(new RegExp(`lease ${seen.id} was changed by session:${holder.id} at .*now version 2`));
    const moved = cli(['--json', 'reassign', '--paths', 'notes/**', '--to', taker.id, '--expect-version', '2']);
    expect(moved.code).toBe(0);
    expect(moved.json).toEqual([expect.objectContaining({ id: seen.id, session: taker.id, version: 3 })]);
  });

  it('reassign --expect-lease exits 3 when the lease read was released and the glob claimed again, at the same version', () => {
    const first = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'First']).json as Session;
    const second = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Second']).json as Session;
    const taker = cli(['--json', 'session', 'new', '--repo', repo.root, '--title', 'Taker']).json as Session;
    expect(runCli(['claim', 'journal/**', '--mode', 'read'], { cwd: first.worktree }).code).toBe(0);
    const seen = (cli(['--json', 'board']).json as Board).leases.find((l) => l.session === first.id && l.pattern === 'journal/**')!;
    expect(runCli(['release', 'journal/**'], { cwd: first.worktree }).code).toBe(0);
    expect(runCli(['claim', 'journal/**', '--mode', 'read'], { cwd: second.worktree }).code).toBe(0);
    const expecting = ['--expect-lease', seen.id, '--expect-version', String(seen.version)];
    const stale = cli(['reassign', '--paths', 'journal/**', '--to', taker.id, ...expecting]);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toContain(`you read ${seen.id}, now`);
    expect(stale.stderr).toContain(`of ${second.id}`);
    expect(cli(['reassign', '--task', 't1', '--to', taker.id, '--expect-lease', seen.id]).code).toBe(2);
    const board = cli(['--json', 'board']).json as Board;
    expect(board.leases.filter((l) => l.pattern === 'journal/**').map((l) => l.session)).toEqual([second.id]);
  });

  it('prints the whole board', () => {
    const board = cli(['board']);
    expect(board.code).toBe(0);
    expect(board.stdout).toMatch(/live session\(s\)/);
  });
});
