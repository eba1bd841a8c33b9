/**
 * Exposes the one API contract as `window.signalbox` (DESIGN §1 rule 2) over the typed channels
 * of src/shared/ipc.ts — an object implementing `Api`, never ipcRenderer itself. A refused call
 * rejects with a BridgedApiError; the renderer wraps this object in `fromBridge` to get ApiError back.
 * Sandboxed: bundled into one CommonJS file that requires only `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Api, ConnectionState } from '../shared/api';
import type { BoardEvent } from '../shared/board';
import {
  IPC,
  type BridgedApiError,
  type CallRequest,
  type CallResult,
  type EventMessage,
  type StateMessage,
  type SubscribeRequest,
} from '../shared/ipc';

interface Listeners {
  onEvent: (event: BoardEvent) => void;
  onState: (state: ConnectionState) => void;
}

const subscriptions = new Map<number, Listeners>();
let nextSubscription = 1;

ipcRenderer.on(IPC.event, (_event: IpcRendererEvent, message: EventMessage) => {
  subscriptions.get(message.subscription)?.onEvent(message.event);
});
ipcRenderer.on(IPC.state, (_event: IpcRendererEvent, message: StateMessage) => {
  subscriptions.get(message.subscription)?.onState(message.state);
});

const api: Api = {
  async call(op, input) {
    const request: CallRequest = { op, input } as CallRequest;
    const result = (await ipcRenderer.invoke(IPC.call, request)) as CallResult;
    if (!result.ok) {
      const refusal: BridgedApiError = { name: 'ApiError', message: result.error.message, body: result.error };
      throw refusal;
    }
    return result.output as never;
  },
  subscribe(lastEventId, onEvent, onState) {
    const subscription = nextSubscription++;
    subscriptions.set(subscription, { onEvent, onState });
    const request: SubscribeRequest = { subscription, after: lastEventId };
    ipcRenderer.send(IPC.subscribe, request);
    return () => {
      if (!subscriptions.delete(subscription)) return;
      ipcRenderer.send(IPC.unsubscribe, subscription);
    };
  },
};

contextBridge.exposeInMainWorld('signalbox', api);
