import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoordinator, type RunningCoordinator } from '../../../src/server/coordinator';
import type { BoardEvent, Session } from '../../../src/shared/board';
import { makeRepo } from '../../helpers/git-fixture';
import { tempDir } from '../../helpers/signalbox-cli';

const MINUTE = 60_000;
const DEADLINE_MS = 10_000;

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };
let coordinator: RunningCoordinator;
/** The sweep's clock: moved forward by hand, so a one-minute cadence falls overdue at once. */
let clock = Date.now();

const start = () =>
  startCoordinator({ dataDir: data.path, port: 0, watch: false, silenceSweep: { intervalMs: 20, now: () => clock } });

async function call<T = any>(op: string, input: unknown): Promise<T> {
  const response = await fetch(`${coordinator.url}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator.leadToken}` },
    body: JSON.stringify(input),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${op}: ${JSON.stringify(body)}`);
  return body as T;
}

/** Reads the event stream, as the control room does, until an event of `kind` about `session` arrives. */
async function pushed(kind: string, session: string, after: number): Promise<BoardEvent> {
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), DEADLINE_MS);
  try {
    const response = await fetch(`${coordinator.url}/api/events?after=${after}&token=${coordinator.leadToken}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before ${kind} of ${session}`);
      text += decoder.decode(value, { stream: true });
      for (const line of text.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const event = JSON.parse(line.slice(6)) as BoardEvent;
        if (event.kind === kind && event.subject === `session:${session}`) return event;
      }
    }
  } finally {
    clearTimeout(deadline);
    controller.abort();
  }
}

const silenceKinds = async (session: string) =>
  (await call<BoardEvent[]>('events.since', { after: 0 }))
    .filter((e) => e.subject === `session:${session}` && e.kind.match(/^session\.(silent|heard)$/))
    .map((e) => e.kind);

beforeAll(async () => {
  repo = await makeRepo({ files: { 'a.txt': 'a' } });
  data = tempDir('signalbox-silence-');
  coordinator = await start();
});

afterAll(async () => {
  await coordinator.close();
  data.remove();
  await repo.cleanup();
});

describe('the silence sweep', () => {
  it('announces a checkpoint falling overdue and the session being heard again, once per transition, on the event stream', async () => {
    const quick = await call<Session>('session.new', { repo: repo.root, title: 'Quick', cadenceMinutes: 1 });
    const slow = await call<Session>('session.new', { repo: repo.root, title: 'Slow', cadenceMinutes: 5 });
    const before = (await call<{ lastEventId: number }>('board', {})).lastEventId;

    clock += 2 * MINUTE;
    const silent = await pushed('session.silent', quick.id, before);
    expect(silent).toMatchObject({ actor: 'signalbox', after: { id: quick.id, flags: ['silent'] } });

    // The slow one falls overdue only later: by then many sweeps passed the quick one, still silent.
    clock += 4 * MINUTE;
    await pushed('session.silent', slow.id, silent.id);
    expect(await silenceKinds(quick.id)).toEqual(['session.silent']);

    const waiting = await call<Session>('status.set', { session: quick.id, status: 'blocked', blocker: 'the staging password' });
    const heard = await pushed('session.heard', quick.id, before);
    expect(heard.id).toBeGreaterThan(silent.id);
    expect(heard).toMatchObject({ after: { id: quick.id, status: 'blocked', flags: [] } });
    expect(waiting.version).toBeGreaterThan(quick.version);
    expect(await silenceKinds(quick.id)).toEqual(['session.silent', 'session.heard']);
    expect(await silenceKinds(slow.id)).toEqual(['session.silent']);
  });

  it('sweeps at start, and a restart does not announce again what the log already says', async () => {
    const last = (await call<{ lastEventId: number }>('board', {})).lastEventId;
    await coordinator.close();
    coordinator = await start();
    expect(await call<BoardEvent[]>('events.since', { after: last })).toEqual([]);

    const hourly = await call<Session>('session.new', { repo: repo.root, title: 'Hourly', cadenceMinutes: 60 });
    await coordinator.close();
    clock += 2 * 60 * MINUTE;
    coordinator = await start();
    expect(await silenceKinds(hourly.id)).toEqual(['session.silent']);
  });
});
