import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const BIN = fileURLToPath(new URL('../../bin/signalbox.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

/** Runs the real `signalbox` command as an agent or the lead would. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, SIGNALBOX_HOME: '', ...options.env },
    encoding: 'utf8',
  });
  let json: unknown = null;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    json = null;
  }
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}

export interface ServedCoordinator {
  url: string;
  controlRoom: string;
  token: string;
  dataDir: string;
  pid: number;
  /** Calls the HTTP API as the lead; resolves with status and parsed body. */
  api(op: string, input: unknown, token?: string): Promise<{ status: number; body: any }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The process has exited (killed, or stopped by itself). */
  readonly stopped: boolean;
}

/**
 * Starts `signalbox serve --json` as its own process and waits for the URL it prints. On a free
 * port unless `lastPort`: then without --port, as the lead would restart it.
 */
export async function serveCoordinator(dataDir: string, extra: string[] = [], options: { lastPort?: boolean } = {}): Promise<ServedCoordinator> {
  const port = options.lastPort ? [] : ['--port', '0'];
  const child = spawn(process.execPath, [BIN, 'serve', '--json', '--data', dataDir, ...port, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const line = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (text) => done(text));
    child.once('exit', (code) => fail(new Error(`signalbox serve exited ${code}: ${stderr}`)));
  });
  const info = JSON.parse(line) as { url: string; controlRoom: string; dataDir: string; pid: number };
  const token = new URL(info.controlRoom).hash.replace('#token=', '');
  return {
    ...info,
    token,
    async api(op, input, as = token) {
      const response = await fetch(`${info.url}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: await response.json() };
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    get stopped() {
      return child.exitCode !== null || child.signalCode !== null;
    },
  };
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
