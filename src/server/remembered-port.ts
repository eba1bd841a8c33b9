import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';

/**
 * The port `signalbox serve` had last time on this data directory. It outlives coordinator.json
 * (removed on stop) so that a restart comes back on the same origin and open tabs resync.
 */
export function rememberedPortFile(dataDir: string): string {
  return join(dataDir, 'last-port');
}

export function readRememberedPort(dataDir: string): number | null {
  try {
    const port = Number(readFileSync(rememberedPortFile(dataDir), 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

export function rememberPort(dataDir: string, port: number): void {
  writeFileSync(rememberedPortFile(dataDir), `${port}\n`, { mode: 0o600 });
}

export function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

/** Listens on the remembered port when it is free, else on any free port; other errors are not hidden. */
export async function listenOnRememberedPort(server: Server, remembered: number | null, host: string): Promise<void> {
  if (remembered !== null) {
    try {
      await listenOn(server, remembered, host);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  await listenOn(server, 0, host);
}
