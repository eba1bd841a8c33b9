/**
 * Claim/release throughput with 20 concurrent clients against a real coordinator, and the
 * same clients' no-op round trips (`whoami`) as the baseline measured in the same run.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { makeRepo } from '../test/helpers/git-fixture';
import { serveCoordinator, tempDir } from '../test/helpers/signalbox-cli';
import type { BenchResult } from './bench-result';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('lease-worker.mjs', import.meta.url));
const CLIENTS = 20;
const PROCESSES = 2;
const SECONDS = 5;

async function drive(url: string, token: string, sessions: string[], op: 'claim' | 'noop'): Promise<{ opsPerSecond: number; refused: number }> {
  const perProcess = CLIENTS / PROCESSES;
  const results = await Promise.all(
    Array.from({ length: PROCESSES }, (_, p) =>
      run(process.execPath, [WORKER, url, token, JSON.stringify(sessions.slice(p * perProcess, (p + 1) * perProcess)), op, String(SECONDS), String(perProcess)]),
    ),
  );
  const tallies = results.map((r) => JSON.parse(r.stdout) as { ops: number; refused: number });
  return {
    opsPerSecond: tallies.reduce((sum, t) => sum + t.ops, 0) / SECONDS,
    refused: tallies.reduce((sum, t) => sum + t.refused, 0),
  };
}

/** Replays the audit log: a double grant is a write lease granted on a pattern someone else still holds. */
function doubleGrants(databaseFile: string): number {
  const db = new Database(databaseFile, { readonly: true });
  const events = db
    .prepare(`SELECT kind, json_extract(coalesce(after, before), '$.pattern') AS pattern, json_extract(coalesce(after, before), '$.session') AS session FROM event WHERE kind IN ('lease.granted', 'lease.released') ORDER BY id`)
    .all() as { kind: string; pattern: string; session: string }[];
  db.close();
  const holder = new Map<string, string>();
  let doubles = 0;
  for (const event of events) {
    const current = holder.get(event.pattern);
    if (event.kind === 'lease.granted') {
      if (current && current !== event.session) doubles++;
      holder.set(event.pattern, event.session);
    } else if (current === event.session) holder.delete(event.pattern);
  }
  return doubles;
}

export async function benchLeases(): Promise<BenchResult[]> {
  const repo = await makeRepo({ files: { 'a.txt': 'a' } });
  const data = tempDir('signalbox-bench-leases-');
  const coordinator = await serveCoordinator(data.path);
  try {
    const sessions: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      sessions.push((await coordinator.api('session.new', { repo: repo.root, title: `client ${i}` })).body.id);
    }
    const noop = await drive(coordinator.url, coordinator.token, sessions, 'noop');
    const claims = await drive(coordinator.url, coordinator.token, sessions, 'claim');
    await coordinator.kill();
    const doubles = doubleGrants(`${data.path}/board.sqlite`);
    return [
      {
        name: `claim/release throughput, ${CLIENTS} concurrent clients`,
        value: Math.round(claims.opsPerSecond),
        unit: 'ops/s',
        baseline: { name: 'no-op authenticated round trip (whoami), same clients', value: Math.round(noop.opsPerSecond), unit: 'ops/s' },
        target: '≥ 2,000 ops/s with 0 double grants',
        pass: claims.opsPerSecond >= 2000 && doubles === 0,
        note: `${doubles} double grants; ${claims.refused} claims refused on the shared paths`,
      },
    ];
  } finally {
    await coordinator.kill();
    data.remove();
    await repo.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchLeases().then((results) => console.log(JSON.stringify(results, null, 2)));
}
