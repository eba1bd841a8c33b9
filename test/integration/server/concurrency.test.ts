import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../../helpers/git-fixture';
import { serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';

const run = promisify(execFile);
const WORKER = resolve(__dirname, '../../helpers/rmw-worker.mjs');
const PROCESSES = 20;
const UPDATES = 200;
const ROWS = 5;

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;

beforeAll(async () => {
  repo = await makeRepo({ files: { 'a.txt': 'a' } });
  data = tempDir('signalbox-rmw-');
  coordinator = await serveCoordinator(data.path);
});

afterAll(async () => {
  await coordinator.kill();
  data.remove();
  await repo.cleanup();
});

describe('concurrent read-modify-write through the API', () => {
  it(`${PROCESSES} processes × ${UPDATES} updates on ${ROWS} shared rows: none lost, none applied from a stale read`, { timeout: 120_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      ids.push((await coordinator.api('session.new', { repo: repo.root, title: `row ${i}` })).body.id);
    }
    const workers = Array.from({ length: PROCESSES }, (_, k) =>
      run(process.execPath, [WORKER, coordinator.url, coordinator.token, ids[k % ROWS]!, String(UPDATES)]),
    );
    const tallies = (await Promise.all(workers)).map((r) => JSON.parse(r.stdout) as { applied: number; refused: number });
    expect(tallies.reduce((sum, t) => sum + t.applied, 0)).toBe(PROCESSES * UPDATES);
    expect(tallies.reduce((sum, t) => sum + t.refused, 0)).toBeGreaterThan(0);

    const perRow = (PROCESSES / ROWS) * UPDATES;
    for (const id of ids) {
      const { session } = (await coordinator.api('session.show', { id })).body;
      expect(session.priority).toBe(perRow);
      expect(session.version).toBe(perRow + 1);
    }

    // The audit log shows every applied update read the version it replaced: a chain with no forks.
    await coordinator.kill();
    const db = new Database(`${data.path}/board.sqlite`, { readonly: true });
    const events = db
      .prepare(`SELECT subject, before, after FROM event WHERE kind = 'session.updated' ORDER BY id`)
      .all() as { subject: string; before: string; after: string }[];
    db.close();
    expect(events).toHaveLength(PROCESSES * UPDATES);
    const lastVersion = new Map<string, number>();
    for (const event of events) {
      const before = JSON.parse(event.before) as { version: number; priority: number };
      const after = JSON.parse(event.after) as { version: number; priority: number };
      expect(after.version).toBe(before.version + 1);
      expect(after.priority).toBe(before.priority + 1);
      expect(before.version).toBe(lastVersion.get(event.subject) ?? 1);
      lastVersion.set(event.subject, after.version);
    }
  });
});
