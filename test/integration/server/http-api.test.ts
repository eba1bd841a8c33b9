import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionCredentials } from '../../../src/core/board/session-credentials';
import { worktreeGitDir } from '../../../src/core/git';
import type { BoardEvent, Session } from '../../../src/shared/board';
import { startCoordinator, type RunningCoordinator } from '../../../src/server/coordinator';
import { makeRepo } from '../../helpers/git-fixture';
import { tempDir } from '../../helpers/signalbox-cli';

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };
let coordinator: RunningCoordinator;

async function call(op: string, input: unknown, token = coordinator.leadToken) {
  const response = await fetch(`${coordinator.url}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  repo = await makeRepo({ files: { 'a.txt': 'a' } });
  data = tempDir('signalbox-http-');
  coordinator = await startCoordinator({ dataDir: data.path, port: 0 });
});

afterAll(async () => {
  await coordinator.close();
  data.remove();
  await repo.cleanup();
});

describe('coordinator HTTP API', () => {
  it('listens on 127.0.0.1 and records itself for discovery', () => {
    expect(coordinator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = JSON.parse(readFileSync(join(data.path, 'coordinator.json'), 'utf8'));
    expect(info).toMatchObject({ url: coordinator.url, pid: process.pid });
  });

  it('refuses a second coordinator on the same data directory, naming the running one', async () => {
    await expect(startCoordinator({ dataDir: data.path, port: 0 })).rejects.toThrow(
      new RegExp(`already running .*pid ${process.pid}, ${coordinator.url.replace(/[.:/]/g, '\\$&')}`),
    );
  });

  it('requires a token', async () => {
    const response = await fetch(`${coordinator.url}/api/board`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect((await call('board', {}, 'wrong')).status).toBe(401);
  });

  it('answers bad input with 400 naming the field and the reason, never 500', async () => {
    const missing = await call('session.new', { repo: repo.root });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'bad-input', field: 'title' });
    const wrongType = await call('session.update', { id: 's1', expectVersion: 'two', fields: { priority: 1 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.field).toBe('expectVersion');
    const extra = await call('board', { surprise: true });
    expect(extra.status).toBe(400);
    const notJson = await call('board', '{not json');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/not valid JSON/);
    expect((await call('no.such.op', {})).status).toBe(404);
    expect((await call('session.show', { id: 'nope' })).status).toBe(404);
  });

  it('answers a stale version with 409 naming the writer who won and when, applying nothing', async () => {
    const session = (await call('session.new', { repo: repo.root, title: 'Contested' })).body as Session;
    const token = (await readSessionCredentials(await worktreeGitDir(session.worktree)))!.token;
    const won = await call('session.update', { id: session.id, expectVersion: session.version, fields: { objective: 'the agent’s' } }, token);
    expect(won.status).toBe(200);
    const lost = await call('session.update', { id: session.id, expectVersion: session.version, fields: { objective: 'the lead’s' } });
    expect(lost.status).toBe(409);
    expect(lost.body.error).toMatchObject({
      code: 'stale-version',
      message: expect.stringContaining(`changed by session:${session.id} at ${won.body.updatedAt}`),
      details: { changedBy: `session:${session.id}`, changedAt: won.body.updatedAt, currentVersion: session.version + 1, expectedVersion: session.version },
    });
    expect((await call('session.show', { id: session.id })).body.session).toMatchObject({ objective: 'the agent’s', version: session.version + 1 });
  });

  it('pushes every board change on the event stream, after replaying what was missed', async () => {
    const before = (await call('board', {})).body.lastEventId as number;
    const controller = new AbortController();
    const response = await fetch(`${coordinator.url}/api/events?after=${before}&token=${coordinator.leadToken}`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const created = await call('session.new', { repo: repo.root, title: 'Streamed' });
    expect(created.status).toBe(200);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('session.created')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const data = text.split('\n').find((line) => line.startsWith('data: ') && line.includes('session.created'))!;
    const event = JSON.parse(data.slice(6)) as BoardEvent;
    expect(event).toMatchObject({ kind: 'session.created', subject: `session:${created.body.id}`, actor: 'lead' });
    expect(event.id).toBeGreaterThan(before);
  });

  it('serves a page for the browser at /', async () => {
    const response = await fetch(`${coordinator.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });
});
