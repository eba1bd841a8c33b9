import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';

let data: { path: string; remove(): void };
let running: ServedCoordinator;

beforeAll(async () => {
  data = tempDir('signalbox-one-');
  running = await serveCoordinator(data.path);
});

afterAll(async () => {
  await running.kill();
  data.remove();
});

describe('one coordinator per data directory', () => {
  it('a second `signalbox serve` exits 3 (refused), naming the running one, and leaves it serving', async () => {
    const second = spawnSync(process.execPath, [BIN, 'serve', '--data', data.path, '--port', '0'], {
      encoding: 'utf8',
      env: { ...process.env, SIGNALBOX_HOME: '' },
      timeout: 30_000,
    });
    expect(second.status).toBe(3);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(`A Signalbox coordinator is already running for ${data.path} (pid ${running.pid}, ${running.url}).`);
    expect(second.stderr).toMatch(/stop it first, or pass another --data folder/);
    expect((await running.api('board', {})).status).toBe(200);

    const json = spawnSync(process.execPath, [BIN, '--json', 'serve', '--data', data.path, '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(json.status).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'refused', message: expect.stringContaining(`pid ${running.pid}`) } });
  });
});
