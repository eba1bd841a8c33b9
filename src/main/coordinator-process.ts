/**
 * Entry of the utility process that owns the board (DESIGN §1 rule 1): SQLite work never
 * blocks the window. Main sends `start` with the data directory and receives the URL and token.
 */
import { startCoordinator } from '../server/coordinator';
import type { FromCoordinator, ToCoordinator } from './coordinator-messages';

type RunningCoordinator = Awaited<ReturnType<typeof startCoordinator>>;

const parent = process.parentPort;
let running: RunningCoordinator | null = null;

function tell(message: FromCoordinator): void {
  parent.postMessage(message);
}

async function start(dataDir: string): Promise<void> {
  try {
    running = await startCoordinator({ dataDir });
    tell({ type: 'ready', url: running.url, leadToken: running.leadToken });
  } catch (error) {
    tell({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}

async function stop(): Promise<void> {
  await running?.close();
  process.exit(0);
}

parent.on('message', ({ data }: { data: ToCoordinator }) => {
  if (data.type === 'start' && running === null) void start(data.dataDir);
  else if (data.type === 'stop') void stop();
});
