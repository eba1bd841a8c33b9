// Main's HTTP client and event-stream reader against a scripted HTTP server: headers, error
// bodies, unreachable coordinator, reconnection that resumes after the last event.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../src/shared/api';
import type { BoardEvent } from '../../../src/shared/board';
import { callCoordinator, type CoordinatorConnection } from '../../../src/main/coordinator-client';
import { openEventStream } from '../../../src/main/event-stream';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

let server: Server | null = null;

async function serve(handler: Handler): Promise<CoordinatorConnection> {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handler(request, response, body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, leadToken: 'lead-secret' };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

function event(id: number): BoardEvent {
  return { id, at: '2025-01-01T00:00:00Z', actor: 'lead', kind: 'session.paused', subject: 's1', before: null, after: null };
}

function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('timed out'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('callCoordinator', () => {
  it('posts the input to /api/<op> with the lead token and returns the output', async () => {
    const seen: { url?: string; auth?: string; body?: string } = {};
    const connection = await serve((request, response, body) => {
      Object.assign(seen, { url: request.url, auth: request.headers.authorization, body });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ role: 'lead', session: null }));
    });
    const result = await callCoordinator(connection, { op: 'session.show', input: { id: 's1' } });
    expect(result).toEqual({ ok: true, output: { role: 'lead', session: null } });
    expect(seen).toEqual({ url: '/api/session.show', auth: 'Bearer lead-secret', body: '{"id":"s1"}' });
  });

  it('passes the coordinator’s error body through whole', async () => {
    const error = {
      code: 'stale-version',
      message: 'Session s1 changed: version 3 by codex at 10:02',
      hint: 'Reload and retry',
      details: { current: 3 },
    };
    const connection = await serve((_request, response) => {
      response.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
    });
    expect(await callCoordinator(connection, { op: 'session.update', input: {} as never })).toEqual({ ok: false, error });
  });

  it('names the status when the answer carries no error body', async () => {
    const connection = await serve((_request, response) => response.writeHead(502).end('<html>bad gateway</html>'));
    const result = await callCoordinator(connection, { op: 'board', input: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('HTTP 502') } });
  });

  it('says which coordinator did not answer', async () => {
    const connection = { url: 'http://127.0.0.1:9', leadToken: 'x' };
    const result = await callCoordinator(connection, { op: 'board', input: {} });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('http://127.0.0.1:9 did not answer board') },
    });
  });
});

describe('openEventStream', () => {
  it('delivers events in order and resumes after the last one when the stream drops', async () => {
    const afters: string[] = [];
    let connections = 0;
    const connection = await serve((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      expect(request.headers.authorization).toBe('Bearer lead-secret');
      afters.push(url.searchParams.get('after') ?? '');
      connections += 1;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': hello\nretry: 1000\n\n');
      if (connections === 1) {
        // Split a frame across writes, repeat an old id, then drop the connection.
        response.write(`id: 1\nevent: board\ndata: ${JSON.stringify(event(1))}\n\nid: 2\nda`);
        response.write(`ta: ${JSON.stringify(event(2))}\n\n`);
        response.end(`id: 1\ndata: ${JSON.stringify(event(1))}\n\n`);
      } else {
        response.write(`id: 3\ndata: ${JSON.stringify(event(3))}\n\n`);
      }
    });
    const received: number[] = [];
    const states: ConnectionState[] = [];
    const close = openEventStream({
      connection,
      after: 0,
      onEvent: (boardEvent) => received.push(boardEvent.id),
      onState: (state) => states.push(state),
      retryDelaysMs: [10],
    });
    await until(() => received.length === 3);
    close();
    expect(received).toEqual([1, 2, 3]);
    expect(afters).toEqual(['0', '2']);
    expect(states.slice(0, 4)).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('keeps retrying while the coordinator refuses, and stops when closed', async () => {
    let attempts = 0;
    const connection = await serve((_request, response) => {
      attempts += 1;
      response.writeHead(503).end();
    });
    const states: ConnectionState[] = [];
    const close = openEventStream({ connection, after: 5, onEvent: () => undefined, onState: (s) => states.push(s), retryDelaysMs: [5] });
    await until(() => attempts >= 3);
    close();
    const settled = attempts;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(attempts).toBe(settled);
    expect(states[0]).toBe('connecting');
    expect(states).not.toContain('live');
  });
});
