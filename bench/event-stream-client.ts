/**
 * A client of a coordinator's event stream (`GET /api/events`, server-sent events), as the
 * control room and the desktop app read it: the benchmark times what a lead would see.
 */
import type { BoardEvent } from '../src/shared/board';
import { SseParser } from '../src/main/sse-parser';

interface Waiter {
  match(event: BoardEvent): boolean;
  resolve(at: number): void;
}

export class EventStreamClient {
  private readonly waiters = new Set<Waiter>();
  private readonly abort = new AbortController();

  private constructor() {}

  /** Resolves once the stream is open; events after `after` are dispatched from then on. */
  static async connect(url: string, token: string, after: number): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    const response = await fetch(`${url}/api/events?after=${after}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: client.abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`the event stream answered ${response.status}`);
    void client.read(response.body);
    return client;
  }

  /** Resolves with the time (performance.now) the first matching event arrived. */
  next(match: (event: BoardEvent) => boolean, timeoutMs = 30_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching event on the stream within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (at) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(at);
        },
      };
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = new SseParser();
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        const at = performance.now();
        for (const message of parser.push(decoder.decode(chunk, { stream: true }))) {
          if (message.event !== 'board') continue;
          const event = JSON.parse(message.data) as BoardEvent;
          for (const waiter of [...this.waiters]) if (waiter.match(event)) waiter.resolve(at);
        }
      }
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    }
  }
}
