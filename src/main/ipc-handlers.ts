/**
 * Main's half of the typed IPC contract (src/shared/ipc.ts). Each message is checked for its
 * sender (the app's own top-level page) and its shape before main forwards it to the coordinator.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { CallResult, InvokeChannels, PushChannels, SendChannels } from '../shared/ipc';
import { IPC } from '../shared/ipc';
import { callCoordinator, type CoordinatorConnection } from './coordinator-client';
import { openEventStream } from './event-stream';
import { isCallRequest, parseCallRequest, parseSubscribeRequest, parseSubscriptionId } from './ipc-validation';
import { isTrustedRendererUrl } from './trusted-sender';

export interface IpcOptions {
  connection: CoordinatorConnection;
  devServerUrl: string | undefined;
}

/** Arguments arrive untyped from the renderer; the listener validates them into the contract. */
function handle<K extends keyof InvokeChannels>(
  channel: K,
  listener: (event: IpcMainInvokeEvent, raw: unknown) => ReturnType<InvokeChannels[K]>,
): void {
  ipcMain.handle(channel, (event, raw: unknown) => listener(event, raw));
}

function on<K extends keyof SendChannels>(channel: K, listener: (event: IpcMainEvent, raw: unknown) => void): void {
  ipcMain.on(channel, (event, raw: unknown) => listener(event, raw));
}

function push<K extends keyof PushChannels>(contents: WebContents, channel: K, ...args: Parameters<PushChannels[K]>): void {
  if (!contents.isDestroyed()) contents.send(channel, ...args);
}

function fromTrustedFrame(event: IpcMainEvent | IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isTrustedRendererUrl(frame.url, devServerUrl);
}

export function registerIpc(options: IpcOptions): void {
  const { connection, devServerUrl } = options;
  /** Open event streams per web contents, by the renderer's subscription id. */
  const streams = new Map<number, Map<number, () => void>>();

  function streamsOf(contents: WebContents): Map<number, () => void> {
    let open = streams.get(contents.id);
    if (open === undefined) {
      const created = new Map<number, () => void>();
      const closeAll = (): void => {
        for (const close of created.values()) close();
        created.clear();
      };
      // A new document (reload) or a crash forgets the renderer's subscriptions; main forgets them too.
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) closeAll();
      });
      contents.on('render-process-gone', closeAll);
      const id = contents.id;
      contents.once('destroyed', () => {
        closeAll();
        streams.delete(id);
      });
      streams.set(id, created);
      open = created;
    }
    return open;
  }

  handle(IPC.call, async (event, raw): Promise<CallResult> => {
    if (!fromTrustedFrame(event, devServerUrl)) {
      return { ok: false, error: { code: 'unauthorized', message: 'This page may not call the Signalbox API.' } };
    }
    const request = parseCallRequest(raw);
    if (!isCallRequest(request)) return { ok: false, error: request };
    return callCoordinator(connection, request);
  });

  on(IPC.subscribe, (event, raw) => {
    const request = parseSubscribeRequest(raw);
    if (request === null || !fromTrustedFrame(event, devServerUrl)) return;
    const contents = event.sender;
    const open = streamsOf(contents);
    open.get(request.subscription)?.();
    open.set(
      request.subscription,
      openEventStream({
        connection,
        after: request.after,
        onEvent: (boardEvent) => push(contents, IPC.event, { subscription: request.subscription, event: boardEvent }),
        onState: (state) => push(contents, IPC.state, { subscription: request.subscription, state }),
      }),
    );
  });

  on(IPC.unsubscribe, (event, raw) => {
    const subscription = parseSubscriptionId(raw);
    if (subscription === null || !fromTrustedFrame(event, devServerUrl)) return;
    const open = streams.get(event.sender.id);
    open?.get(subscription)?.();
    open?.delete(subscription);
  });
}
