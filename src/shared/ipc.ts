/**
 * Electron IPC between preload and main, typed once for both sides (like GitHub Desktop's
 * ipc-shared.ts). It carries the one API contract of `./api`; nothing else crosses.
 * No dependencies beyond ./api: the sandboxed preload bundles this file.
 */
import {
  ApiError,
  type Api,
  type ApiErrorBody,
  type ConnectionState,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from './api';
import type { BoardEvent } from './board';

/** What `ipcRenderer.invoke('signalbox:call', …)` sends. */
export interface CallRequest<K extends OperationName = OperationName> {
  op: K;
  input: OperationInput<K>;
}

/**
 * What it answers. Errors travel as data: Electron flattens a thrown error to its message,
 * and the renderer needs the whole ApiErrorBody (code, hint, details).
 */
export type CallResult<K extends OperationName = OperationName> =
  | { ok: true; output: OperationOutput<K> }
  | { ok: false; error: ApiErrorBody };

/** A renderer-chosen id keeps several subscriptions of one window apart. */
export interface SubscribeRequest {
  subscription: number;
  after: number;
}

export interface EventMessage {
  subscription: number;
  event: BoardEvent;
}

export interface StateMessage {
  subscription: number;
  state: ConnectionState;
}

/** Renderer → main, answered (`ipcRenderer.invoke` / `ipcMain.handle`). */
export interface InvokeChannels {
  'signalbox:call': (request: CallRequest) => Promise<CallResult>;
}

/** Renderer → main, fire and forget (`ipcRenderer.send` / `ipcMain.on`). */
export interface SendChannels {
  'signalbox:subscribe': (request: SubscribeRequest) => void;
  'signalbox:unsubscribe': (subscription: number) => void;
}

/** Main → renderer (`webContents.send` / `ipcRenderer.on`). */
export interface PushChannels {
  'signalbox:event': (message: EventMessage) => void;
  'signalbox:state': (message: StateMessage) => void;
}

export const IPC = {
  call: 'signalbox:call',
  subscribe: 'signalbox:subscribe',
  unsubscribe: 'signalbox:unsubscribe',
  event: 'signalbox:event',
  state: 'signalbox:state',
} as const satisfies Record<string, keyof InvokeChannels | keyof SendChannels | keyof PushChannels>;

/**
 * How a refused call crosses the contextBridge. The bridge rebuilds a thrown Error from its
 * message alone, so the preload rejects with this plain object, which it copies whole.
 */
export interface BridgedApiError {
  name: 'ApiError';
  message: string;
  body: ApiErrorBody;
}

function isBridgedApiError(reason: unknown): reason is BridgedApiError {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    (reason as BridgedApiError).name === 'ApiError' &&
    typeof (reason as BridgedApiError).body === 'object'
  );
}

/** The renderer's view of `window.signalbox`: refusals become ApiError instances of its own world. */
export function fromBridge(bridged: Api): Api {
  return {
    call: (op, input) =>
      bridged.call(op, input).catch((reason: unknown) => {
        throw isBridgedApiError(reason) ? new ApiError(reason.body) : reason;
      }),
    subscribe: (lastEventId, onEvent, onState) => bridged.subscribe(lastEventId, onEvent, onState),
  };
}
