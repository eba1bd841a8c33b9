import { describe, expect, it, vi } from 'vitest';
import { ApiError, type ConnectionState } from '../../../src/shared/api';
import type { BoardEvent } from '../../../src/shared/board';
import { BOARD_EVENT, HttpApi, type EventStream, type HttpTransport } from '../../../src/renderer/src/api/http-api';
import { board, event } from './fixtures';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

class FakeStream implements EventStream {
  readyState = 0;
  onopen: EventStream['onopen'] = null;
  private readonly listeners = new Map<string, ((ev: { data: string }) => void)[]>();
  onerror: EventStream['onerror'] = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.call(this, {});
  }
  addEventListener(type: string, listener: (ev: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** As the coordinator sends it: a named `board` event, which only its listeners see. */
  send(e: BoardEvent) {
    for (const listener of this.listeners.get(BOARD_EVENT) ?? []) listener({ data: JSON.stringify(e) });
  }
  fail() {
    this.onerror?.call(this, {});
  }
}

function transport(fetchImpl: HttpTransport['fetch'] = vi.fn()) {
  const streams: FakeStream[] = [];
  const timers: (() => void)[] = [];
  const t: Partial<HttpTransport> = {
    fetch: fetchImpl,
    openEventStream: (url) => {
      const s = new FakeStream(url);
      streams.push(s);
      return s;
    },
    setTimeout: (fn) => timers.push(fn),
    clearTimeout: () => timers.splice(0),
  };
  return { t, streams, timers };
}

describe('HttpApi.call', () => {
  it('posts JSON to /api/<op> with the bearer token and returns the output', async () => {
    const fetch = vi.fn(async () => json(200, board({ lastEventId: 7 })));
    const api = new HttpApi('http://127.0.0.1:4000', 'tok', transport(fetch).t);
    await expect(api.call('board', {})).resolves.toMatchObject({ lastEventId: 7 });
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:4000/api/board', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok' },
      body: '{}',
    });
  });

  const errorCases: { name: string; response: () => Response; code: string; message: RegExp; hint?: string }[] = [
    {
      name: 'error JSON becomes an ApiError with its body',
      response: () =>
        json(409, {
          error: { code: 'stale-version', message: 'session:s1 was changed by bob at 10:02', hint: 'reload', details: { currentVersion: 3 } },
        }),
      code: 'stale-version',
      message: /changed by bob/,
      hint: 'reload',
    },
    { name: 'an error without JSON gets a code from the status', response: () => new Response('nope', { status: 401 }), code: 'unauthorized', message: /HTTP 401/ },
    { name: 'a 404 without JSON names the missing operation', response: () => new Response('', { status: 404 }), code: 'not-found', message: /no operation session.pause/ },
    { name: 'a 500 with odd JSON is internal', response: () => json(500, { oops: true }), code: 'internal', message: /HTTP 500/ },
  ];

  it.each(errorCases)('$name', async ({ response, code, message, hint }) => {
    const api = new HttpApi('http://x', 't', transport(async () => response()).t);
    const error = await api.call('session.pause', { id: 's1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body.code).toBe(code);
    expect((error as ApiError).message).toMatch(message);
    if (hint) expect((error as ApiError).body.hint).toBe(hint);
  });

  it('turns a network failure into an ApiError that says where it looked', async () => {
    const api = new HttpApi('http://127.0.0.1:9', 't', transport(async () => Promise.reject(new TypeError('fetch failed'))).t);
    await expect(api.call('board', {})).rejects.toMatchObject({ body: { code: 'internal', message: expect.stringContaining('127.0.0.1:9') } });
  });
});

describe('HttpApi.subscribe', () => {
  it('opens the stream after the given id with the token, and passes events and states on', () => {
    const { t, streams } = transport();
    const api = new HttpApi('http://h', 'a b', t);
    const events: BoardEvent[] = [];
    const states: ConnectionState[] = [];
    api.subscribe(5, (e) => events.push(e), (s) => states.push(s));
    expect(streams[0]!.url).toBe('http://h/api/events?after=5&token=a%20b');
    streams[0]!.open();
    streams[0]!.send(event(6, 'session.updated', 'session:s1', null));
    expect(events.map((e) => e.id)).toEqual([6]);
    expect(states).toEqual(['connecting', 'live']);
  });

  it('reconnects after a drop from the last event it saw, and stops on unsubscribe', () => {
    const { t, streams, timers } = transport();
    const api = new HttpApi('http://h', 't', t);
    const states: ConnectionState[] = [];
    const stop = api.subscribe(5, () => {}, (s) => states.push(s));
    streams[0]!.open();
    streams[0]!.send(event(6, 'x.y', 'x:1', null));
    streams[0]!.send(event(7, 'x.y', 'x:1', null));
    streams[0]!.fail();
    expect(streams[0]!.closed).toBe(true);
    expect(states.at(-1)).toBe('reconnecting');
    timers.shift()!();
    expect(streams[1]!.url).toContain('after=7');
    streams[1]!.open();
    expect(states.at(-1)).toBe('live');
    stop();
    expect(streams[1]!.closed).toBe(true);
    streams[1]!.fail();
    expect(timers).toEqual([]);
  });
});
