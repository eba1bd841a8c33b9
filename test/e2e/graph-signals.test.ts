import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conflict, Session } from '../../src/shared/board';
import { openControlRoom, type ControlRoomPage } from './chromium';
import { startControlRoom, type ControlRoomFixture } from './control-room-fixture';

let room: ControlRoomFixture;
let api: Session;
let ui: Session;

beforeAll(async () => {
  room = await startControlRoom({ 'README.md': '# shop\n', 'src/cart.ts': 'export const items = [];\n', 'src/price.ts': 'export const p = 1;\n' });
  api = await room.call('session.new', { repo: room.repo.root, title: 'Checkout API', owner: 'ada' });
  ui = await room.call('session.new', { repo: room.repo.root, title: 'Cart UI', owner: 'bob' });
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

  it('badges a conflict edge with a short next action (all of it in the tooltip and the detail panel), and re-fits the graph beside the panel', async () => {
    await room.call('claim', { session: api.id, patterns: ['src/price.ts'], mode: 'write' });
    const first = await room.call('task.new', { title: 'Price rules', session: ui.id });
    await room.call('task.new', { title: 'Price badge', session: ui.id, blockedBy: [first.id] });
    await room.repo.write({ 'src/price.ts': 'export const p = 2;\n' }, ui.worktree);
    let hard: Conflict | undefined;
    await expect.poll(async () => (hard = (await room.call('conflicts', {})).find((c) => c.kind === 'hard-collision'))).toBeDefined();

    const { page, errors } = await openGraph();
    const badge = page.locator(`[data-testid^="conflict-badge:conflict:${hard!.id}:"]`).first();
    await badge.waitFor();
    const text = (await badge.textContent()) ?? '';
    expect(text.length).toBeLessThanOrEqual(24);
    expect(hard!.nextAction.startsWith(text.replace(/…$/, ''))).toBe(true);
    await expect(badge.getAttribute('title')).resolves.toBe(hard!.nextAction);
    const box = (await badge.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(14);
    for (const node of await page.getByTestId('session-node').all()) expect(overlap(box, (await node.boundingBox())!)).toBe(false);

    await page.screenshot({ path: room.screenshotPath('conflict-badge') });
    await badge.click();
    await expect.poll(() => page.getByTestId('session-detail').textContent()).toContain(hard!.nextAction);
    const inside = async () => {
      const view = (await page.getByTestId('graph-view').boundingBox())!;
      const nodes = await Promise.all((await page.locator('.react-flow__node').all()).map((n) => n.boundingBox()));
      return nodes.every((n) => n !== null && n.x >= view.x - 1 && n.x + n.width <= view.x + view.width + 1);
    };
    await expect.poll(inside).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('session-detail').waitFor({ state: 'detached' });
    await expect.poll(inside).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows on a session node when its tests last passed and how far main has moved past its base', async () => {
    const { page, errors } = await openGraph();
    const node = page.locator(`[data-testid=session-node][data-session="${ui.id}"]`);
    await expect(node.getByTestId('session-drift').count()).resolves.toBe(0);
    await room.call('checkpoint', { session: ui.id, tests: 'pass', testCommand: 'npm test' });
    await room.repo.commit({ 'docs/one.md': '1\n' }, 'upstream one');
    await room.repo.commit({ 'docs/two.md': '2\n' }, 'upstream two');
    await expect.poll(async () => (await room.call('session.show', { id: ui.id })).session.baseBehind).toBe(2);
    await expect.poll(() => node.getByTestId('session-drift').textContent()).toBe('base −2');
    await expect(node.getByTestId('session-tests').textContent()).resolves.toBe('tests ✓ just now');
    await expect(node.getByTestId('session-tests').getAttribute('title')).resolves.toContain('(npm test)');
    await page.screenshot({ path: room.screenshotPath('session-health') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
