// Electron main reaches the coordinator over HTTP: the same calls and event stream, against the
// real coordinator, a real SQLite file and a real git repository.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type ConnectionState } from '../../../src/shared/api';
import type { BoardEvent } from '../../../src/shared/board';
import { coordinatorApi } from '../../../src/main/coordinator-api';
import { startCoordinator, type RunningCoordinator } from '../../../src/server/coordinator';
import { makeRepo } from '../../helpers/git-fixture';
import { tempDir } from '../../helpers/signalbox-cli';

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };
let coordinator: RunningCoordinator;

beforeAll(async () => {
  repo = await makeRepo({ files: { 'a.txt': 'a' } });
  data = tempDir('signalbox-main-');
  coordinator = await startCoordinator({ dataDir: data.path, port: 0 });
});

afterAll(async () => {
  await coordinator.close();
  data.remove();
  await repo.cleanup();
});

describe("main's coordinator Api", () => {
  it('calls as the lead', async () => {
    const api = coordinatorApi({ url: coordinator.url, leadToken: coordinator.leadToken });
    expect(await api.call('whoami', {})).toEqual({ role: 'lead', session: null });
  });

  it('rejects with the coordinator’s ApiError', async () => {
    const api = coordinatorApi({ url: coordinator.url, leadToken: 'not-the-token' });
    const refusal = await api.call('board', {}).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).body.code).toBe('unauthorized');
  });

  it('follows the events written after the board it read', async () => {
    const api = coordinatorApi({ url: coordinator.url, leadToken: coordinator.leadToken });
    const { lastEventId } = await api.call('board', {});
    const events: BoardEvent[] = [];
    const states: ConnectionState[] = [];
    const close = api.subscribe(lastEventId, (event) => events.push(event), (state) => states.push(state));
    await expect.poll(() => states.includes('live')).toBe(true);
    const added = await api.call('repo.add', { path: repo.root });
    await expect.poll(() => events.length).toBeGreaterThan(0);
    close();
    expect(events[0]!.id).toBeGreaterThan(lastEventId);
    expect(events.some((event) => event.subject.includes(added.id))).toBe(true);
  });
});
