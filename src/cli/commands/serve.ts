import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { type GlobalOptions, resolveContext } from '../client';
import { integer } from '../output';

interface ServeOptions extends GlobalOptions {
  port?: number;
  host?: string;
  demo?: boolean;
  open?: boolean;
}

/** The browser bundle sits beside the CLI bundle: out/cli → out/web. */
function staticDir(): string {
  return fileURLToPath(new URL('../web', import.meta.url));
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`Could not open a browser; open ${url} yourself.\n`));
  child.unref();
}

async function serve(options: ServeOptions): Promise<void> {
  // Loaded here, not at the top: every other command stays a light client that starts fast.
  const { startCoordinator } = await import('../../server/coordinator');
  const { startDemo } = await import('../../core/demo/demo');
  const dataDir = options.demo && !options.data && !process.env.SIGNALBOX_HOME
    ? mkdtempSync(join(tmpdir(), 'signalbox-demo-'))
    : resolveContext(options).dataDir;
  const coordinator = await startCoordinator({
    dataDir,
    port: options.port,
    reuseLastPort: true,
    host: options.host ?? '127.0.0.1',
    staticDir: staticDir(),
  });
  const demo = options.demo ? await startDemo(coordinator.store, { dataDir, url: coordinator.url }) : null;
  const controlRoom = `${coordinator.url}/#token=${coordinator.leadToken}`;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ url: coordinator.url, controlRoom, dataDir, pid: process.pid })}\n`);
  } else {
    process.stdout.write(
      `Signalbox is running at ${coordinator.url}\n` +
        `Control room (as the lead): ${controlRoom}\n` +
        `Data: ${dataDir}\n` +
        (demo ? `Demo repository: ${demo.repoPath}\n` : '') +
        'Stop with Ctrl-C.\n',
    );
  }
  if (options.open) openInBrowser(controlRoom);
  const stop = () => {
    demo?.stop();
    void coordinator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('run the coordinator and the control room on 127.0.0.1; prints its URL')
    .option('--port <n>', 'port (0 picks a free one; default: the last one, when free)', integer)
    .option('--host <host>', 'loopback address to listen on', '127.0.0.1')
    .option('--demo', 'start with a sample repository and simulated agents')
    .option('--open', 'open the control room in a browser')
    .action((_options, command: Command) => serve(command.optsWithGlobals<ServeOptions>()));

  program
    .command('demo')
    .description('serve --demo --open: a sample repository and simulated agents')
    .option('--port <n>', 'port (0 picks a free one)', integer)
    .option('--no-open', 'do not open a browser')
    .action((_options, command: Command) => {
      const o = command.optsWithGlobals<ServeOptions>();
      return serve({ ...o, demo: true, open: o.open ?? true });
    });
}
