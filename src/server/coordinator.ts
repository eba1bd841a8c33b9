import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { BoardStore } from '../core/board/board-store';
import { type CoordinatorInfo, dataDirLayout } from '../core/data-dir';
import { openBoardDatabase } from '../core/db/connection';
import { ConflictEngine } from '../core/conflicts/engine';
import { readSessions } from '../core/board/session-record';
import { type SilenceSweepOptions, startSilenceSweep } from '../core/board/silence-sweep';
import { acquireCoordinatorLock } from './coordinator-lock';
import { FirstScan } from './first-scan';
import { createHttpServer } from './http-server';
import { listenOn, listenOnRememberedPort, readRememberedPort, rememberPort } from './remembered-port';

export interface CoordinatorOptions {
  dataDir: string;
  port?: number;
  /** With no `port`: come back on the last run's port when it is free, so open tabs reconnect. */
  reuseLastPort?: boolean;
  host?: string;
  /** The renderer's browser bundle (out/web); null serves a page saying how to build it. */
  staticDir?: string | null;
  /** Watch worktrees for saves (default true); tests of the HTTP layer alone can turn it off. */
  watch?: boolean;
  /** When overdue checkpoints are looked for, against which clock; tests shorten and inject them. */
  silenceSweep?: SilenceSweepOptions;
}

export interface RunningCoordinator {
  url: string;
  leadToken: string;
  store: BoardStore;
  close(): Promise<void>;
}

/** The lead's token survives restarts so open browser tabs keep working. */
function leadToken(file: string): string {
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token) return token;
  }
  const token = randomBytes(32).toString('hex');
  writeFileSync(file, token, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

function assertLoopback(host: string): void {
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new Error(`Signalbox listens on loopback only (127.0.0.1, ::1); ${host} was refused.`);
  }
}

export async function startCoordinator(options: CoordinatorOptions): Promise<RunningCoordinator> {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  const layout = dataDirLayout(options.dataDir);
  mkdirSync(layout.root, { recursive: true, mode: 0o700 });
  const releaseLock = acquireCoordinatorLock(layout.lock, layout.coordinatorFile, layout.root);
  let store: BoardStore;
  try {
    store = new BoardStore(openBoardDatabase(layout.database));
  } catch (error) {
    releaseLock();
    throw error;
  }
  const token = leadToken(layout.leadToken);
  const conflicts = new ConflictEngine(store, { watch: options.watch ?? true });
  const firstScan = new FirstScan(readSessions(store).length);
  let url = '';
  const server = createHttpServer({
    store,
    conflicts,
    dataDir: layout.root,
    leadToken: token,
    staticDir: options.staticDir ?? null,
    url: () => url,
    scan: () => firstScan.current(),
  });
  try {
    // A port the lead asked for is taken or fails; only a remembered one falls back to a free port.
    if (options.port !== undefined) await listenOn(server, options.port, host);
    else await listenOnRememberedPort(server, options.reuseLastPort ? readRememberedPort(layout.root) : null, host);
  } catch (error) {
    store.db.close();
    releaseLock();
    throw error;
  }
  const address = server.address() as AddressInfo;
  url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const info: CoordinatorInfo = { url, pid: process.pid, dataDir: layout.root, startedAt: new Date().toISOString() };
  writeFileSync(layout.coordinatorFile, JSON.stringify(info, null, 2), { mode: 0o600 });
  rememberPort(layout.root, address.port);
  // The first full evaluation reads every worktree; the API answers meanwhile and conflicts
  // arrive on the event stream as they are found.
  const started = firstScan.follow(conflicts.start()).catch((error: unknown) => console.error('signalbox: conflict engine failed to start:', error));
  const silence = startSilenceSweep(store, options.silenceSweep);

  let closing: Promise<void> | null = null;
  return {
    url,
    leadToken: token,
    store,
    close: () => {
      silence.stop();
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
        .then(() => started)
        .then(() => conflicts.stop())
        .then(() => {
          store.db.close();
          try {
            unlinkSync(layout.coordinatorFile);
          } catch {
            // Someone removed it already; the lock below is what matters.
          }
          releaseLock();
        });
      return closing;
    },
  };
}
