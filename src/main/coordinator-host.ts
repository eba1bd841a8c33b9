/** Starts the coordinator in an Electron utility process and stops it when the app quits. */
import { utilityProcess } from 'electron';
import type { CoordinatorConnection } from './coordinator-client';
import { isFromCoordinator, type ToCoordinator } from './coordinator-messages';

export interface CoordinatorHost {
  connection: CoordinatorConnection;
  stop(): Promise<void>;
}

export interface CoordinatorHostOptions {
  entry: string;
  dataDir: string;
  /** Called when the process dies after it was ready and before main asked it to stop. */
  onCrash: (code: number) => void;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
}

export function startCoordinatorProcess(options: CoordinatorHostOptions): Promise<CoordinatorHost> {
  const child = utilityProcess.fork(options.entry, [], { serviceName: 'Signalbox coordinator', stdio: 'inherit' });
  const send = (message: ToCoordinator): void => child.postMessage(message);
  let ready = false;
  let stopping = false;
  let exited = false;

  const exit = new Promise<number>((resolve) => {
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    });
  });

  async function stop(): Promise<void> {
    if (exited) return;
    stopping = true;
    send({ type: 'stop' });
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.stopTimeoutMs ?? 5000));
    if ((await Promise.race([exit, timeout])) === 'timeout') child.kill();
  }

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`The coordinator did not start within ${(options.startTimeoutMs ?? 30_000) / 1000} s.`));
    }, options.startTimeoutMs ?? 30_000);

    child.on('message', (message: unknown) => {
      if (!isFromCoordinator(message)) return;
      clearTimeout(timer);
      if (message.type === 'failed') {
        reject(new Error(message.message));
        return;
      }
      ready = true;
      resolve({ connection: { url: message.url, leadToken: message.leadToken }, stop });
    });

    void exit.then((code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`The coordinator process exited with code ${code} before it was ready.`));
      else if (!stopping) options.onCrash(code);
    });

    child.once('spawn', () => send({ type: 'start', dataDir: options.dataDir }));
  });
}
