import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BoardEvent } from '../shared/board';
import { eventsSince } from '../core/board/audit';
import type { BoardStore } from '../core/board/board-store';

const HEARTBEAT_MS = 15_000;

function frame(event: BoardEvent): string {
  return `id: ${event.id}\nevent: board\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Server-sent events: replays what the client missed (`after` or Last-Event-ID), then streams
 * every commit. Replay and subscription happen in one synchronous step, so no event falls between.
 */
export function serveEventStream(store: BoardStore, request: IncomingMessage, response: ServerResponse, after: number): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'connection': 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const lastHeader = Number(request.headers['last-event-id']);
  let lastSent = Number.isFinite(lastHeader) && lastHeader > after ? lastHeader : after;
  response.write(': signalbox\nretry: 1000\n\n');
  for (;;) {
    const batch = eventsSince(store.db, lastSent, 1000);
    for (const event of batch) response.write(frame(event));
    if (batch.length < 1000) break;
    lastSent = batch[batch.length - 1]!.id;
  }
  const unsubscribe = store.onEvent((event) => {
    response.write(frame(event));
  });
  const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.on('close', stop);
  response.on('error', stop);
}
