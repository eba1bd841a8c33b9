import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirLayout } from '../../../src/core/data-dir';
import { serveCoordinator, tempDir } from '../../helpers/signalbox-cli';

const WORKER = resolve(__dirname, 'lock-race-worker.ts');
const RACERS = 4;
const ROUNDS = 25;

let data: { path: string; remove(): void };
let layout: ReturnType<typeof dataDirLayout>;
let racers: Racer[];

/** A racing process and the answers it printed, one per command. */
class Racer {
  private readonly answers: string[] = [];
  private readonly waiting: ((answer: string) => void)[] = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter(line);
      else this.answers.push(line);
    });
  }

  ask(command: 'try' | 'release'): Promise<string> {
    const answer = new Promise<string>((done) => {
      const ready = this.answers.shift();
      if (ready !== undefined) done(ready);
      else this.waiting.push(done);
    });
    this.child.stdin.write(`${command}\n`);
    return answer;
  }
}

/** What a crashed coordinator leaves: its lock naming a pid that no longer runs. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

async function race(): Promise<{ winners: Racer[]; answers: string[] }> {
  const answers = await Promise.all(racers.map((racer) => racer.ask('try')));
  return { winners: racers.filter((_, i) => answers[i] === 'won'), answers };
}

beforeAll(() => {
  data = tempDir('signalbox-lock-');
  layout = dataDirLayout(data.path);
  racers = Array.from(
    { length: RACERS },
    () => new Racer(spawn(process.execPath, ['--import', 'tsx', WORKER, layout.lock, layout.coordinatorFile, data.path], { stdio: 'pipe' })),
  );
});

afterAll(() => {
  for (const racer of racers) racer.child.stdin.end();
  data.remove();
});

describe('the coordinator lock after a crash', () => {
  it('is taken by exactly one of the coordinators that start at once after kill -9', async () => {
    const crashed = await serveCoordinator(data.path);
    await crashed.kill('SIGKILL');
    const { winners, answers } = await race();
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a !== 'won')).toEqual(Array(RACERS - 1).fill('refused CoordinatorRunningError'));
    expect(await winners[0]!.ask('release')).toBe('released');
  });

  it(`is taken by exactly one of ${RACERS} racers, round after round, from a lock naming a dead pid`, { timeout: 60_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      writeFileSync(layout.lock, String(deadPid()));
      const { winners } = await race();
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(await winners[0]!.ask('release')).toBe('released');
    }
  });
});
