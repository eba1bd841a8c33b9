import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lease } from '../../../src/shared/board';
import { makeRepo } from '../../helpers/git-fixture';
import { serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';

const run = promisify(execFile);
const WORKER = resolve(__dirname, '../../helpers/claim-race-worker.mjs');
const RACERS = 20;
const ROUNDS = 1000;

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;
const sessions: string[] = [];

beforeAll(async () => {
  repo = await makeRepo({ files: { 'a.txt': 'a' } });
  data = tempDir('signalbox-race-');
  coordinator = await serveCoordinator(data.path);
  for (let i = 0; i < RACERS; i++) {
    sessions.push((await coordinator.api('session.new', { repo: repo.root, title: `racer ${i}` })).body.id);
  }
}, 120_000);

afterAll(async () => {
  await coordinator.kill();
  data.remove();
  await repo.cleanup();
});

describe('racing for leases', () => {
  it(`${RACERS} processes × ${ROUNDS} rounds: exactly one writer wins each round, never a partial grant`, { timeout: 300_000 }, async () => {
    const results = await Promise.all(
      sessions.map((session, k) =>
        run(process.execPath, [WORKER, coordinator.url, coordinator.token, session, String(ROUNDS), String(k)], {
          maxBuffer: 16 * 1024 * 1024,
        }),
      ),
    );
    const tallies = results.map((r) => JSON.parse(r.stdout) as { session: string; won: number[]; patterns: number });
    const winners = new Map<number, string[]>();
    for (const tally of tallies) for (const round of tally.won) winners.set(round, [...(winners.get(round) ?? []), tally.session]);
    for (let round = 0; round < ROUNDS; round++) expect(winners.get(round), `round ${round}`).toHaveLength(1);

    const leases = (await coordinator.api('board', {})).body.leases as Lease[];
    for (let round = 0; round < ROUNDS; round++) {
      const held = leases.filter((l) => l.pattern.startsWith(`round-${round}/`));
      const winner = tallies.find((t) => t.session === winners.get(round)![0])!;
      expect(new Set(held.map((l) => l.session))).toEqual(new Set([winner.session]));
      expect(held).toHaveLength(winner.patterns);
    }
    const fences = leases.map((l) => l.fence);
    expect(new Set(fences).size).toBe(fences.length);
  });

  it('grants a claim made right after another session released the same path', async () => {
    const [first, second] = sessions;
    for (let i = 0; i < 200; i++) {
      const pattern = [`handover/${i}.sql`];
      expect((await coordinator.api('claim', { session: first, patterns: pattern })).status).toBe(200);
      expect((await coordinator.api('release', { session: first, patterns: pattern })).status).toBe(200);
      const taken = await coordinator.api('claim', { session: second, patterns: pattern });
      expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    }
  });
});
