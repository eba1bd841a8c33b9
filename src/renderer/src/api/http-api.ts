import {
  ApiError,
  type Api,
  type ApiErrorBody,
  type ApiErrorCode,
  type ConnectionState,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from '../../../shared/api';
import type { BoardEvent } from '../../../shared/board';

/** The part of the browser's EventSource this client uses; injected so tests can drive it. */
export interface EventStream {
  readonly readyState: number;
  onopen: ((this: EventStream, ev: unknown) => unknown) | null;
  addEventListener(type: typeof BOARD_EVENT, listener: (ev: { data: string }) => void): void;
  onerror: ((this: EventStream, ev: unknown) => unknown) | null;
  close(): void;
}

export interface HttpTransport {
  fetch: (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<Response>;
  openEventStream: (url: string) => EventStream;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

interface BrowserGlobals {
  EventSource: new (url: string) => EventStream;
}

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad-input',
  401: 'unauthorized',
  403: 'unauthorized',
  404: 'not-found',
  409: 'refused',
};

/**
 * The SSE event name the coordinator gives every board change (`event: board`). A named event
 * reaches only its own listeners, never `onmessage`.
 */
export const BOARD_EVENT = 'board';

/** Reconnect delays after the stream drops (coordinator restarting, laptop waking). */
const RETRY_DELAYS_MS = [500, 1000, 2000, 5000];

/** The browser-mode transport: `POST /api/<op>` with the lead's bearer token, events over SSE. */
export class HttpApi implements Api {
  private readonly transport: HttpTransport;

  constructor(
    private readonly origin: string,
    private readonly token: string,
    transport?: Partial<HttpTransport>,
  ) {
    this.transport = {
      fetch: (url, init) => globalThis.fetch(url, init),
      openEventStream: (url) => new (globalThis as unknown as BrowserGlobals).EventSource(url),
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...transport,
    };
  }

  async call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    let response: Response;
    try {
      response = await this.transport.fetch(`${this.origin}/api/${op}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
        body: JSON.stringify(input),
      });
    } catch (cause) {
      throw new ApiError({
        code: 'internal',
        message: `Cannot reach the coordinator at ${this.origin} (${describe(cause)}).`,
        hint: 'Is `signalbox serve` still running?',
      });
    }
    if (!response.ok) throw new ApiError(await errorBody(op, response));
    return (await response.json()) as OperationOutput<K>;
  }

  subscribe(
    lastEventId: number,
    onEvent: (event: BoardEvent) => void,
    onState: (state: ConnectionState) => void,
  ): () => void {
    // Reconnects are ours, not EventSource's: its own retry reuses the first URL, so it would
    // replay from the original `after` instead of from the last event we saw.
    let lastSeen = lastEventId;
    let stream: EventStream | null = null;
    let retryTimer: unknown = null;
    let failures = 0;
    let closed = false;

    const open = (): void => {
      retryTimer = null;
      const url = `${this.origin}/api/events?after=${lastSeen}&token=${encodeURIComponent(this.token)}`;
      const current = this.transport.openEventStream(url);
      stream = current;
      current.onopen = () => {
        failures = 0;
        onState('live');
      };
      current.addEventListener(BOARD_EVENT, (message) => {
        const event = JSON.parse(message.data) as BoardEvent;
        if (event.id > lastSeen) lastSeen = event.id;
        onEvent(event);
      });
      current.onerror = () => {
        if (closed || stream !== current) return;
        current.close();
        stream = null;
        onState('reconnecting');
        const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]!;
        failures += 1;
        retryTimer = this.transport.setTimeout(open, delay);
      };
    };

    onState('connecting');
    open();
    return () => {
      closed = true;
      if (retryTimer !== null) this.transport.clearTimeout(retryTimer);
      stream?.close();
      stream = null;
    };
  }
}

async function errorBody(op: string, response: Response): Promise<ApiErrorBody> {
  const fallbackCode = CODE_BY_STATUS[response.status] ?? 'internal';
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: Partial<ApiErrorBody> };
    if (parsed.error && typeof parsed.error.message === 'string') {
      return { ...parsed.error, code: parsed.error.code ?? fallbackCode, message: parsed.error.message };
    }
  } catch {
    // Not JSON: a proxy page or a server without this route. Fall through to a message of our own.
  }
  const message =
    response.status === 404
      ? `The coordinator has no operation ${op} (HTTP 404).`
      : `${op} failed: HTTP ${response.status}${text ? ` — ${text.slice(0, 200)}` : ''}`;
  return { code: fallbackCode, message };
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
