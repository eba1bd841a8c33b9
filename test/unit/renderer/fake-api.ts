import { ApiError, type Api, type ConnectionState, type OperationInput, type OperationName, type OperationOutput } from '../../../src/shared/api';
import type { BoardEvent } from '../../../src/shared/board';

type Handler = (input: never) => unknown;

/** An in-memory Api: answers from per-operation handlers, records calls, and lets a test drive the event stream. */
export class FakeApi implements Api {
  readonly calls: { op: string; input: unknown }[] = [];
  subscription: { lastEventId: number; onEvent: (e: BoardEvent) => void; onState: (s: ConnectionState) => void } | null = null;
  unsubscribed = false;

  constructor(readonly handlers: Record<string, Handler> = {}) {}

  call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    this.calls.push({ op, input });
    const handler = this.handlers[op];
    if (!handler) return Promise.reject(new ApiError({ code: 'not-found', message: `Unknown operation ${op}` }));
    return Promise.resolve().then(() => handler(input as never) as OperationOutput<K>);
  }

  subscribe(lastEventId: number, onEvent: (e: BoardEvent) => void, onState: (s: ConnectionState) => void): () => void {
    this.subscription = { lastEventId, onEvent, onState };
    onState('connecting');
    return () => {
      this.unsubscribed = true;
    };
  }

  callsOf(op: string): unknown[] {
    return this.calls.filter((c) => c.op === op).map((c) => c.input);
  }

  emit(event: BoardEvent): void {
    this.subscription!.onEvent(event);
  }

  state(state: ConnectionState): void {
    this.subscription!.onState(state);
  }
}
