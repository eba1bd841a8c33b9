import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApiErrorBody, ConflictScan, OperationName } from '../shared/api';
import { HTTP_STATUS } from '../shared/api';
import type { Actor } from '../core/api/actor';
import { toErrorBody } from '../core/api/error-body';
import { authorise, type ConflictRefresher, handlers, type OperationContext } from '../core/api/handlers';
import { inputSchemas } from '../core/api/schemas';
import type { BoardStore } from '../core/board/board-store';
import { hashToken } from '../core/board/session-lifecycle';
import { sessionRowByTokenHash } from '../core/board/sessions';
import { serveEventStream } from './event-stream';
import { serveStatic } from './static-files';

const MAX_BODY = 1024 * 1024;

export interface HttpServerOptions {
  store: BoardStore;
  conflicts: ConflictRefresher | null;
  dataDir: string;
  leadToken: string;
  staticDir: string | null;
  url: () => string;
  /** The first conflict scan's progress, reported with the board. */
  scan?: () => ConflictScan;
}

class HttpError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

function sendError(response: ServerResponse, body: ApiErrorBody): void {
  sendJson(response, HTTP_STATUS[body.code], { error: body });
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      throw new HttpError({ code: 'bad-input', message: `Request body is over ${MAX_BODY} bytes.` });
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError({ code: 'bad-input', message: 'Request body is not valid JSON.' });
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

export function createHttpServer(options: HttpServerOptions): Server {
  const { store } = options;

  function authenticate(request: IncomingMessage, url: URL): Actor {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : url.searchParams.get('token');
    if (!token) {
      throw new HttpError({
        code: 'unauthorized',
        message: 'This request carries no token.',
        hint: 'Open the URL that `signalbox serve` printed, or use the signalbox CLI.',
      });
    }
    if (sameSecret(token, options.leadToken)) return { role: 'lead' };
    const session = sessionRowByTokenHash(store.db, hashToken(token));
    if (session && !session.ended_at) return { role: 'session', session: session.id };
    throw new HttpError({ code: 'unauthorized', message: 'The token is not known to this coordinator.' });
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice('/api/'.length);
    if (path === 'health') {
      sendJson(response, 200, { ok: true, pid: process.pid });
      return;
    }
    const actor = authenticate(request, url);
    if (path === 'events' && request.method === 'GET') {
      const after = Number(url.searchParams.get('after') ?? '0');
      serveEventStream(store, request, response, Number.isFinite(after) && after >= 0 ? after : 0);
      return;
    }
    if (!Object.hasOwn(handlers, path)) {
      throw new HttpError({ code: 'not-found', message: `There is no operation "${path}".` });
    }
    if (request.method !== 'POST') {
      throw new HttpError({ code: 'bad-input', message: `Operation ${path} takes POST with a JSON body.` });
    }
    const op = path as OperationName;
    const input = inputSchemas[op].parse(await readBody(request));
    authorise(op, actor, input as never);
    const context: OperationContext = { store, conflicts: options.conflicts, dataDir: options.dataDir, url: options.url(), actor, scan: options.scan };
    const handler = handlers[op] as { handle(context: OperationContext, input: unknown): unknown };
    sendJson(response, 200, await handler.handle(context, input));
  }

  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/api/')) {
      serveStatic(options.staticDir, url.pathname, response);
      return;
    }
    handleApi(request, response, url).catch((error: unknown) => {
      const body = error instanceof HttpError ? error.body : toErrorBody(error);
      if (body.code === 'internal') console.error(`signalbox: ${url.pathname} failed:`, error);
      if (response.headersSent) response.end();
      else sendError(response, body);
    });
  });
}
