import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, type RepoFixture } from '../helpers/git-fixture';
import { serveCoordinator, tempDir } from '../helpers/signalbox-cli';
import { launchChromium, openControlRoom } from './chromium';

let repo: RepoFixture;
let browser: Browser;

beforeAll(async () => {
  repo = await makeRepo({ files: { 'README.md': '# shop\n', 'src/db/schema.sql': 'create table cart();\n' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await repo?.cleanup();
});

const portOf = (url: string) => Number(new URL(url).port);

describe('a restarted coordinator', () => {
  it('comes back on the port it had, so an open control room resyncs without a reload', async () => {
    const data = tempDir('signalbox-reconnect-');
    const first = await serveCoordinator(data.path, [], { lastPort: true });
    const cart = (await first.api('session.new', { repo: repo.root, title: 'Cart UI', owner: 'bob' })).body as { id: string };
    const { page, errors } = await openControlRoom(browser, first.controlRoom);
    const row = page.locator(`[data-testid=session-row][data-session="${cart.id}"]`);
    await row.waitFor();

    await first.kill('SIGTERM');
    await page.getByTestId('connection').getByText('Reconnecting').waitFor();

    const second = await serveCoordinator(data.path, [], { lastPort: true });
    try {
      expect(second.url).toBe(first.url);
      await second.api('status.set', { session: cart.id, status: 'blocked', blocker: 'waiting on the schema' });
      const db = (await second.api('session.new', { repo: repo.root, title: 'Schema migration', owner: 'ada' })).body as { id: string };

      await page.getByTestId('connection').getByText('Live').waitFor();
      await expect.poll(() => row.textContent()).toContain('waiting on the schema');
      await page.locator(`[data-testid=session-row][data-session="${db.id}"]`).waitFor();
      await expect.poll(() => page.getByTestId('count-blocked').textContent()).toMatch(/^1/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await second.kill();
      data.remove();
    }
  });

  it('takes a free port when the remembered one is taken, and remembers that one instead', async () => {
    const data = tempDir('signalbox-port-');
    const first = await serveCoordinator(data.path, [], { lastPort: true });
    await first.kill();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(portOf(first.url), '127.0.0.1', resolve));
    try {
      const second = await serveCoordinator(data.path, [], { lastPort: true });
      expect(portOf(second.url)).not.toBe(portOf(first.url));
      await expect(second.api('board', {})).resolves.toMatchObject({ status: 200 });
      expect(Number(readFileSync(join(data.path, 'last-port'), 'utf8'))).toBe(portOf(second.url));
      await second.kill();
    } finally {
      squatter.close();
      data.remove();
    }
  });
});
