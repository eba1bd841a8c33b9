import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../../helpers/git-fixture';
import { serveCoordinator, tempDir } from '../../helpers/signalbox-cli';

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };

beforeAll(async () => {
  repo = await makeRepo({ files: { 'a.txt': 'a' } });
  data = tempDir('signalbox-crash-');
});

afterAll(async () => {
  data.remove();
  await repo.cleanup();
});

describe('kill -9 of the coordinator during a burst of writes', () => {
  it('restarts with an intact board holding every acknowledged write', async () => {
    const first = await serveCoordinator(data.path);
    const session = (await first.api('session.new', { repo: repo.root, title: 'burst' })).body.id as string;
    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const note = `write-${sent++}`;
        try {
          const answer = await first.api('checkpoint', { session, note });
          if (answer.status === 200) acknowledged.push(note);
        } catch {
          return; // the connection died with the coordinator: this write was never acknowledged
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    while (acknowledged.length < 300) await new Promise((resolve) => setImmediate(resolve));
    killed = true;
    await first.kill('SIGKILL');
    await Promise.all(writers);

    const second = await serveCoordinator(data.path);
    const shown = await second.api('session.show', { id: session });
    expect(shown.status).toBe(200);
    await second.kill();

    const db = new Database(`${data.path}/board.sqlite`, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const notes = new Set(
      db
        .prepare(`SELECT json_extract(after, '$.lastCheckpoint.note') FROM event WHERE kind = 'session.checkpoint'`)
        .pluck()
        .all() as string[],
    );
    db.close();
    const lost = acknowledged.filter((note) => !notes.has(note));
    expect(lost).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
  });
});
