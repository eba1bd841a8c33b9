import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where one coordinator keeps its board, its discovery file and the lead's token. */
export interface DataDirLayout {
  root: string;
  database: string;
  coordinatorFile: string;
  leadToken: string;
  lock: string;
  preserved: string;
}

export function dataDirLayout(root: string): DataDirLayout {
  return {
    root,
    database: join(root, 'board.sqlite'),
    coordinatorFile: join(root, 'coordinator.json'),
    leadToken: join(root, 'lead.token'),
    lock: join(root, 'coordinator.lock'),
    preserved: join(root, 'preserved'),
  };
}

/** The OS app-data folder, the same one Electron's `userData` uses for productName Signalbox. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SIGNALBOX_HOME) return env.SIGNALBOX_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Signalbox');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Signalbox');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Signalbox');
}

/** What `signalbox serve` writes so every other command can find it. */
export interface CoordinatorInfo {
  url: string;
  pid: number;
  dataDir: string;
  startedAt: string;
}
