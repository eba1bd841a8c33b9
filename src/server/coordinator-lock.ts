import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { RefusedError } from '../core/board/errors';
import type { CoordinatorInfo } from '../core/data-dir';

/** A refusal like any other of the interlocking (exit 3): the data directory already has its one coordinator. */
export class CoordinatorRunningError extends RefusedError {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly url: string | null,
  ) {
    super(
      `A Signalbox coordinator is already running for ${dataDir} (pid ${pid}${url ? `, ${url}` : ''}).`,
      'Use that one, stop it first, or pass another --data folder.',
      { dataDir, pid, url },
    );
    this.name = 'CoordinatorRunningError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readInfo(file: string): CoordinatorInfo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CoordinatorInfo;
  } catch {
    return null;
  }
}

/**
 * One coordinator owns a data directory (DESIGN §1 rule 1). The lock file is created exclusively;
 * a lock left by a dead process (kill -9) is taken over.
 */
export function acquireCoordinatorLock(lockFile: string, infoFile: string, dataDir: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockFile, 'utf8') === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (pid && alive(pid)) {
        const info = readInfo(infoFile);
        throw new CoordinatorRunningError(dataDir, pid, info?.pid === pid ? info.url : null);
      }
      unlinkSync(lockFile);
    }
  }
  throw new Error(`Could not take the coordinator lock ${lockFile}: another process keeps replacing it.`);
}
