import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { RefusedError } from '../core/board/errors';
import type { CoordinatorInfo } from '../core/data-dir';

/** A refusal like any other of the interlocking (exit 3): the data directory already has its one coordinator. */
export class CoordinatorRunningError extends RefusedError {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
    readonly url: string | null,
  ) {
    super(
      `A Signalbox coordinator is already running for ${dataDir} (${pid ? `pid ${pid}` : 'it is starting'}${url ? `, ${url}` : ''}).`,
      'Use that one, stop it first, or pass another --data folder.',
      { dataDir, pid, url },
    );
    this.name = 'CoordinatorRunningError';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
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
 * One coordinator owns a data directory (DESIGN §1 rule 1). Owning it is holding SQLite's write
 * lock on `<lockFile>.sqlite` — a transaction opened at start and never committed — for the
 * coordinator's whole life: the operating system takes the lock back when the process dies,
 * however it dies, so a crash leaves nothing to take over, and SQLite grants that lock to one
 * connection at a time, so two coordinators starting at once cannot both win. (An exclusive lock
 * would also wait for every reader to leave; racers that all wait on each other can all lose.)
 * `lockFile` only names the holder's pid to whoever is refused.
 */
export function acquireCoordinatorLock(lockFile: string, infoFile: string, dataDir: string): () => void {
  const lock = new Database(`${lockFile}.sqlite`, { timeout: 100 });
  try {
    lock.exec('BEGIN IMMEDIATE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    const pid = readPid(lockFile);
    const info = readInfo(infoFile);
    throw new CoordinatorRunningError(dataDir, pid, pid !== null && info?.pid === pid ? info.url : null);
  }
  writeFileSync(lockFile, String(process.pid), { mode: 0o600 });
  return () => {
    try {
      if (readPid(lockFile) === process.pid) unlinkSync(lockFile);
    } catch {
      // Already gone: the lock below is what counts.
    }
    lock.close();
  };
}
