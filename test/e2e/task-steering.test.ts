import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, Task } from '../../src/shared/board';
import { centreOf, dragTo, openControlRoom } from './chromium';
import { startControlRoom, type ControlRoomFixture } from './control-room-fixture';

let room: ControlRoomFixture;
let api: Session;
let ui: Session;

beforeAll(async () => {
  room = await startControlRoom({ 'README.md': '# shop\n', 'src/cart.ts': 'export const items = [];\n' });
  api = await room.call('session.new', { repo: room.repo.root, title: 'Checkout API', owner: 'ada' });
  ui = await room.call('session.new', { repo: room.repo.root, title: 'Cart UI', owner: 'bob' });
});

afterAll(async () => {
  await room?.close();
});

const ownerOf = async (id: string) => (await room.call('task.list', {})).find((t) => t.id === id)?.session;

describe('steering tasks from the graph', () => {
  it('dragging a task onto another session, or its ownership grip back, reassigns it once the lead confirms (tier 3), each move audited', async () => {
    const task: Task = await room.call('task.new', { title: 'Cart badge', session: api.id });
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.getByTestId('tab-graph').click();
    const node = page.getByTestId(`rf__node-task:${task.id}`);
    await node.waitFor();
    const sessionNode = (id: string) => page.locator(`[data-testid=session-node][data-session="${id}"]`);
    const dialog = page.getByTestId('task-override-dialog');

    await dragTo(page, await centreOf(node), sessionNode(ui.id));
    await expect(dialog.textContent()).resolves.toMatch(`takes it from ${api.id}, which is still working`);
    await dialog.getByRole('button', { name: `Give it to ${ui.id} (tier 3)` }).click();
    await expect.poll(() => ownerOf(task.id)).toBe(ui.id);

    const grip = page.getByTestId(`task-grip:owns:${task.id}`);
    await expect.poll(() => grip.locator('title').textContent()).toContain(`owned by ${ui.id}`);
    await dragTo(page, await centreOf(grip), sessionNode(api.id));
    await dialog.getByRole('button', { name: `Give it to ${api.id} (tier 3)` }).click();
    await expect.poll(() => ownerOf(task.id)).toBe(api.id);

    const moves = (await room.call('events.since', { after: 0 })).filter((e) => e.kind === 'task.reassigned' && e.subject === `task:${task.id}`);
    expect(moves.map((e) => [e.actor, (e.before as Task).session, (e.after as Task).session])).toEqual([
      ['lead', api.id, ui.id],
      ['lead', ui.id, api.id],
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
