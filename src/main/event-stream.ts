/**
 * Follows the coordinator's event stream (`GET /api/events?after=N`, SSE) from main, resuming
 * after the last event delivered whenever the connection drops. No electron import: tested under Node.
 */
import type { ConnectionState } from '../shared/api';
import type { BoardEvent } from '../shared/board';
import type { CoordinatorConnection } from './coordinator-client';
import { SseParser } from './sse-parser';

export interface EventStreamOptions {
  connection: CoordinatorConnection;
  after: number;
  onEvent: (event: BoardEvent) => void;
  onState: (state: ConnectionState) => void;
  /** Waits between reconnection attempts; the last one repeats. */
  retryDelaysMs?: readonly number[];
  fetch?: typeof fetch;
}

const RETRY_DELAYS_MS = [500, 1000, 2000, 5000];

function isBoardEvent(value: unknown): value is BoardEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BoardEvent).id === 'number' &&
    typeof (value as BoardEvent).kind === 'string'
  );
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Returns the function that closes the stream; nothing is delivered after it is called. */
export function openEventStream(options: EventStreamOptions): () => void {
  const { connection, onEvent, onState } = options;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const fetchImpl = options.fetch ?? fetch;
  const controller = new AbortController();
  const { signal } = controller;
  let lastId = options.after;

  async function readOnce(): Promise<boolean> {
    const url = new URL('api/events', connection.url.endsWith('/') ? connection.url : `${connection.url}/`);
    url.searchParams.set('after', String(lastId));
    const response = await fetchImpl(url, {
      headers: { authorization: `Bearer ${connection.leadToken}`, accept: 'text/event-stream' },
      signal,
    });
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      return false;
    }
    onState('live');
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      for (const message of parser.push(decoder.decode(value, { stream: true }))) {
        if (signal.aborted) return true;
        let event: unknown;
        try {
          event = JSON.parse(message.data);
        } catch {
          continue;
        }
        if (isBoardEvent(event) && event.id > lastId) {
          lastId = event.id;
          onEvent(event);
        }
      }
    }
  }

  async function follow(): Promise<void> {
    let failures = 0;
    onState('connecting');
    while (!signal.aborted) {
      let delivered = false;
      try {
        delivered = await readOnce();
      } catch {
        delivered = false;
      }
      if (signal.aborted) return;
      failures = delivered ? 0 : failures + 1;
      onState('reconnecting');
      await wait(delays[Math.min(failures, delays.length - 1)] ?? 1000, signal);
    }
  }

  void follow();
  return () => controller.abort();
}
