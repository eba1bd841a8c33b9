import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictScan } from '../../../src/shared/api';
import type { Session } from '../../../src/shared/board';
import { startCoordinator, type RunningCoordinator } from '../../../src/server/coordinator';
import { FirstScan } from '../../../src/server/first-scan';
import { makeRepo, type RepoFixture } from '../../helpers/git-fixture';
import { tempDir } from '../../helpers/signalbox-cli';

let repo: RepoFixture;
let data: { path: string; remove(): void };

async function boardScan(coordinator: RunningCoordinator): Promise<ConflictScan> {
  const response = await fetch(`${coordinator.url}/api/board`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator.leadToken}` },
    body: '{}',
  });
  return ((await response.json()) as { scan: ConflictScan }).scan;
}

/** Work enough in each worktree that the first scan reads something real. */
function manyFiles(prefix: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let dir = 0; dir < 60; dir++) for (let file = 0; file < 25; file++) files[`${prefix}/d${dir}/f${file}.ts`] = `export const v = ${file};\n`;
  return files;
}

beforeAll(async () => {
  repo = await makeRepo({ files: { 'README.md': '# big\n' } });
  data = tempDir('signalbox-first-scan-');
  // Unwatched: the work is written while nobody looks, as if the coordinator had been down.
  const first = await startCoordinator({ dataDir: data.path, port: 0, watch: false });
  for (const title of ['Search', 'Billing', 'Docs', 'Infra']) {
    const session = await newSession(first, title);
    await repo.write(manyFiles(`work-${title.toLowerCase()}`), session.worktree);
  }
  await first.close();
});

afterAll(async () => {
  data.remove();
  await repo?.cleanup();
});

async function newSession(coordinator: RunningCoordinator, title: string): Promise<Session> {
  const response = await fetch(`${coordinator.url}/api/session.new`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator.leadToken}` },
    body: JSON.stringify({ repo: repo.root, title }),
  });
  return (await response.json()) as Session;
}

describe('the coordinator’s first conflict scan', () => {
  it('is reported with the board: every live worktree counted, ready once the first evaluation is done', async () => {
    const coordinator = await startCoordinator({ dataDir: data.path, port: 0 });
    try {
      const first = await boardScan(coordinator);
      expect(first).toMatchObject({ sessions: 4, startedAt: expect.any(String) });
      await expect.poll(async () => (await boardScan(coordinator)).state, { timeout: 30_000, interval: 50 }).toBe('ready');
      const last = await boardScan(coordinator);
      expect(last).toMatchObject({ sessions: 4, startedAt: first.startedAt, finishedAt: expect.any(String) });
      expect(Date.parse(last.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(first.startedAt));
    } finally {
      await coordinator.close();
    }
  });

  it('says scanning until the evaluation ends, then ready', async () => {
    let finish!: () => void;
    const evaluation = new Promise<void>((resolve) => (finish = resolve));
    const scan = new FirstScan(3, () => 'now');
    const followed = scan.follow(evaluation);
    expect(scan.current()).toEqual({ state: 'scanning', sessions: 3, startedAt: 'now', finishedAt: null });
    finish();
    await followed;
    expect(scan.current()).toEqual({ state: 'ready', sessions: 3, startedAt: 'now', finishedAt: 'now' });
  });

  it('says failed, not ready, when the evaluation fails', async () => {
    const scan = new FirstScan(2, () => 'now');
    await expect(scan.follow(Promise.reject(new Error('git exploded')))).rejects.toThrow('git exploded');
    expect(scan.current()).toEqual({ state: 'failed', sessions: 2, startedAt: 'now', finishedAt: 'now' });
  });
});
