import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/shared/board';
import { openControlRoom, type ControlRoomPage } from './chromium';
import { startControlRoom, type ControlRoomFixture } from './control-room-fixture';

let room: ControlRoomFixture;
let api: Session;

beforeAll(async () => {
  room = await startControlRoom({ 'README.md': '# shop\n', 'src/cart.ts': 'export const items = [];\n', 'src/price.ts': 'export const p = 1;\n' });
  api = await room.call('session.new', { repo: room.repo.root, title: 'Checkout API', owner: 'ada' });
});

afterAll(async () => {
  await room?.close();
});

async function openGraph(): Promise<ControlRoomPage> {
  const opened = await openControlRoom(room.browser, room.coordinator.controlRoom);
  await opened.page.getByTestId('tab-graph').click();
  await opened.page.locator('[data-testid=session-node]').first().waitFor();
  return opened;
}

describe('what the graph shows about each session', () => {
  it('draws the files a session changed as assets joined to it, live as the worktree changes', async () => {
    const { page, errors } = await openGraph();
    await room.repo.write({ 'src/cart.ts': 'export const items = [1];\n' }, api.worktree);
    await expect.poll(async () => (await room.call('board', {})).changedPaths?.[api.id]).toEqual(['src/cart.ts']);
    const asset = page.getByTestId('rf__node-asset:path:src/cart.ts');
    await expect.poll(() => asset.locator('[data-testid=asset-node]').getAttribute('data-changed-by')).toBe(api.id);
    await page.getByTestId(`rf__edge-changes:${api.id}:path:src/cart.ts`).waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
