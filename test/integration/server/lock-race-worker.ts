// One coordinator-to-be racing for a data directory's lock: `try` attempts to take it, `release`
// gives it back; each answer is one line on stdout. Kept alive between rounds, so rounds start
// together instead of at the mercy of process start-up.
import { createInterface } from 'node:readline';
import { acquireCoordinatorLock } from '../../../src/server/coordinator-lock';

const [lockFile, infoFile, dataDir] = process.argv.slice(2) as [string, string, string];
let release: (() => void) | null = null;

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'try') {
    try {
      release = acquireCoordinatorLock(lockFile, infoFile, dataDir);
      process.stdout.write('won\n');
    } catch (error) {
      process.stdout.write(`refused ${(error as Error).name}\n`);
    }
  } else if (line === 'release') {
    release?.();
    release = null;
    process.stdout.write('released\n');
  }
}
