import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How a hook runs this very Signalbox: the node that runs it now and the `bin/signalbox.mjs` of this install. */
export interface SignalboxCommand {
  argv: string[];
  /** Inside Electron, execPath is the app: it must run as plain node. */
  env: Record<string, string>;
}

function packageName(dir: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name ?? null;
  } catch {
    return null;
  }
}

/** Walks up from this module (src/core/agents, or the bundle in out/cli) to the package that holds bin/signalbox.mjs. */
export function signalboxPackageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'signalbox.mjs')) && packageName(dir) === 'signalbox') return dir;
    if (dirname(dir) === dir) {
      throw new Error(`Cannot find the signalbox command (bin/signalbox.mjs) above ${from}; agent hooks need it to call back.`);
    }
  }
}

export function signalboxCommand(): SignalboxCommand {
  const bin = join(signalboxPackageRoot(), 'bin', 'signalbox.mjs');
  return { argv: [process.execPath, bin], env: process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {} };
}

export function signalboxVersion(): string {
  const root = signalboxPackageRoot();
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
}

/** One word for a POSIX shell, quoted only when it needs to be. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The command line for a shell (Claude Code hooks, git hooks): environment, node, bin, then `args`. */
export function shellCommand(command: SignalboxCommand, args: string[]): string {
  const env = Object.entries(command.env).map(([key, value]) => `${key}=${shellWord(value)}`);
  return [...env, ...command.argv.map(shellWord), ...args.map(shellWord)].join(' ');
}
