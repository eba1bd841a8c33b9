import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/shared/board';
import { centreOf, dragTo, openControlRoom, type ControlRoomPage } from './chromium';
import { startControlRoom, type ControlRoomFixture } from './control-room-fixture';

let room: ControlRoomFixture;
let api: Session;
let ui: Session;

beforeAll(async () => {
  room = await startControlRoom({
    'README.md': '# shop\n',
    'src/shared/money.ts': 'export const cents = (n: number) => n * 100;\n',
    'docs/guide.md': '# Guide\n',
  });
  api = await room.call('session.new', { repo: room.repo.root, title: 'Checkout API', owner: 'ada' });
  ui = await room.call('session.new', { repo: room.repo.root, title: 'Cart UI', owner: 'bob' });
  await room.call('claim', { session: api.id, patterns: ['src/shared/**'], mode: 'write' });
  await room.call('claim', { session: api.id, patterns: ['docs/**'], mode: 'read' });
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

const holderOf = async (pattern: string) => (await room.call('board', {})).leases.filter((l) => l.pattern === pattern).map((l) => l.session);

describe('steering from the control room', () => {
  it('dragging a lease edge onto another session takes a live write lease only once the lead confirms (tier 3)', async () => {
    const { page, errors } = await openGraph();
    const grip = page.getByTestId(`lease-grip:lease:${api.id}:path:src/shared/**`);
    const target = page.locator(`[data-testid=session-node][data-session="${ui.id}"]`);
    const dragEdge = async () => dragTo(page, await centreOf(grip), target);

    await dragEdge();
    const dialog = page.getByTestId('override-dialog');
    await expect(dialog.textContent()).resolves.toMatch(/takes a write lease from s1/);
    await dialog.getByRole('button', { name: /Leave it with/ }).click();
    await expect(holderOf('src/shared/**')).resolves.toEqual([api.id]);

    await dragEdge();
    await dialog.getByRole('button', { name: /Take it for s2/ }).click();
    await expect.poll(() => holderOf('src/shared/**')).toEqual([ui.id]);
    await page.getByTestId(`rf__edge-lease:${ui.id}:path:src/shared/**`).waitFor();

    const events = await room.call('events.since', { after: 0 });
    const moved = events.filter((e) => e.kind === 'lease.reassigned');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ actor: 'lead', before: { session: api.id, pattern: 'src/shared/**' }, after: { session: ui.id } });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('dropping an asset on a session hands an uncontested lease over at once', async () => {
    const { page, errors } = await openGraph();
    const asset = page.getByTestId('rf__node-asset:path:docs/**');
    await dragTo(page, await centreOf(asset), page.locator(`[data-testid=session-node][data-session="${ui.id}"]`));
    await expect.poll(() => holderOf('docs/**')).toEqual([ui.id]);
    await expect(page.getByTestId('override-dialog').count()).resolves.toBe(0);
    const events = await room.call('events.since', { after: 0 });
    expect(events.filter((e) => e.kind === 'lease.reassigned').map((e) => (e.after as { pattern: string }).pattern)).toContain('docs/**');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a stale save names who changed the session, shows their change and overwrites nothing', async () => {
    const { page, errors } = await openGraph();
    await page.locator(`[data-testid=session-node][data-session="${ui.id}"]`).click();
    const detail = page.getByTestId('session-detail');
    await detail.getByRole('button', { name: 'change' }).click();
    await detail.getByLabel('Priority', { exact: true }).fill('7');

    // Meanwhile the session's own agent changes its contract through the API.
    const before = (await room.call('session.show', { id: ui.id })).session;
    const token = await room.sessionToken(ui.worktree);
    await room.call('session.update', { id: ui.id, expectVersion: before.version, fields: { objective: 'Ship the cart badge' } }, token);

    await detail.getByRole('button', { name: 'Save' }).click();
    const notice = page.getByTestId('notice').filter({ hasText: 'someone changed it first' });
    await expect(notice.textContent()).resolves.toContain(`changed by session:${ui.id}`);
    await expect.poll(() => detail.textContent()).toContain('Ship the cart badge');
    const after = (await room.call('session.show', { id: ui.id })).session;
    expect(after).toMatchObject({ priority: before.priority, objective: 'Ship the cart badge', version: before.version + 1 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reprioritises and marks blocked from the detail panel, each through the API with an audit event', async () => {
    const { page, errors } = await openGraph();
    await page.locator(`[data-testid=session-node][data-session="${ui.id}"]`).click();
    const detail = page.getByTestId('session-detail');
    await detail.getByRole('button', { name: 'change' }).click();
    await detail.getByLabel('Priority', { exact: true }).fill('5');
    await detail.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await room.call('session.show', { id: ui.id })).session.priority).toBe(5);
    await expect(detail.getByTestId('priority-value').textContent()).resolves.toBe('5');

    await detail.getByRole('button', { name: 'Mark blocked' }).click();
    await detail.getByLabel('Blocker').fill('waiting for the pricing schema');
    await detail.getByRole('button', { name: 'Mark blocked' }).click();
    await expect.poll(async () => (await room.call('session.show', { id: ui.id })).session).toMatchObject({
      status: 'blocked',
      blocker: { text: 'waiting for the pricing schema' },
    });
    await expect.poll(() => page.locator(`[data-testid=session-node][data-session="${ui.id}"]`).textContent()).toContain('waiting for the pricing schema');
    await detail.getByRole('button', { name: 'Unblock' }).click();
    await expect.poll(async () => (await room.call('session.show', { id: ui.id })).session.status).toBe('active');

    const kinds = (await room.call('events.since', { after: 0 })).filter((e) => e.subject === `session:${ui.id}` && e.actor === 'lead').map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['session.updated', 'session.status']));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('approving from the inbox decides the approval; the header counts the request while it waits', async () => {
    // A blocked session that asks stays "blocked": only a count of requests shows this one.
    await room.call('status.set', { session: api.id, status: 'blocked', blocker: 'waiting for CI' });
    const requested = await room.call('approval.request', { session: api.id, tier: 3, action: 'merge to main', detail: 'All checks green.' });
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.getByTestId('tab-approvals').click();
    const card = page.getByTestId('approval').filter({ hasText: 'merge to main' });
    await card.waitFor();
    await expect(page.getByTestId('count-awaiting-approval').textContent()).resolves.toMatch(/^1 awaiting approval/);
    await room.screenshotBothThemes(page, 'inbox');
    await card.getByLabel(`Reason for ${requested.id}`).fill('green on CI');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => (await room.call('approval.list', { session: api.id })).find((a) => a.id === requested.id)).toMatchObject({
      state: 'approved',
      decidedBy: 'lead',
      why: 'green on CI',
    });
    await expect.poll(() => page.locator('.decided').textContent()).toContain('merge to main');
    await expect.poll(() => page.getByTestId('count-awaiting-approval').textContent()).toMatch(/^0 awaiting approval/);
    await room.call('status.set', { session: api.id, status: 'active' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('steers from the keyboard: j/k move through the inbox, y/n decide, p pauses and resumes, ? lists the keys', async () => {
    const deploy = await room.call('approval.request', { session: ui.id, tier: 3, action: 'deploy to staging' });
    const merge = await room.call('approval.request', { session: ui.id, tier: 3, action: 'merge the cart badge' });
    const stateOf = async (id: string) => (await room.call('approval.list', { session: ui.id })).find((a) => a.id === id)?.state;
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.keyboard.press('a');
    const cards = page.getByTestId('approval');
    await expect.poll(() => cards.count()).toBe(2);

    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(page.locator('[data-testid=approval]:focus').textContent()).resolves.toContain('merge the cart badge');
    await page.keyboard.press('y');
    await expect.poll(() => stateOf(merge.id)).toBe('approved');
    await expect(stateOf(deploy.id)).resolves.toBe('pending');
    await expect.poll(() => cards.count()).toBe(1);

    // A key typed into the reason field is text, not a decision.
    const reason = cards.first().getByLabel(`Reason for ${deploy.id}`);
    await reason.fill('not yet');
    await reason.press('y');
    await expect(reason.inputValue()).resolves.toBe('not yety');
    await expect(stateOf(deploy.id)).resolves.toBe('pending');
    await reason.fill('not yet');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await page.keyboard.press('n');
    await expect.poll(async () => (await room.call('approval.list', { session: ui.id })).find((a) => a.id === deploy.id)).toMatchObject({
      state: 'denied',
      why: 'not yet',
    });

    await page.keyboard.press('b');
    await page.locator(`[data-testid=session-row][data-session="${ui.id}"]`).click();
    await page.keyboard.press('p');
    await expect.poll(async () => (await room.call('session.show', { id: ui.id })).session.status).toBe('paused');
    await page.getByTestId('session-detail').getByRole('button', { name: 'Resume' }).waitFor();
    await page.keyboard.press('p');
    await expect.poll(async () => (await room.call('session.show', { id: ui.id })).session.status).toBe('active');

    await page.keyboard.press('?');
    const help = page.getByTestId('shortcut-help');
    await expect(help.textContent()).resolves.toContain('approve / deny the focused request');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('creates a session from the header, showing that it is working until the worktree exists', async () => {
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.getByTestId('new-session').click();
    const dialog = page.getByTestId('new-session-dialog');
    await dialog.getByLabel('Title').fill('Pricing rules');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByTestId('session-detail').textContent()).toContain('Pricing rules');
    const created = (await room.call('session.list', {})).find((s) => s.title === 'Pricing rules');
    expect(created && existsSync(created.worktree)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ends a session after confirmation, keeping its diff as a patch', async () => {
    await room.repo.write({ 'src/shared/money.ts': 'export const cents = (n: number) => Math.round(n * 100);\n' }, api.worktree);
    const { page, errors } = await openGraph();
    await page.locator(`[data-testid=session-node][data-session="${api.id}"]`).click();
    await page.getByTestId('session-detail').getByRole('button', { name: 'End…' }).click();
    const dialog = page.getByTestId('end-dialog');
    await dialog.getByRole('button', { name: 'End and keep the diff' }).click();
    const notice = page.getByTestId('notice').filter({ hasText: `Ended ${api.id}` });
    const text = (await notice.textContent()) ?? '';
    const patchPath = /saved as (\S+\.patch)/.exec(text)?.[1];
    expect(patchPath && readFileSync(patchPath, 'utf8')).toContain('+export const cents = (n: number) => Math.round(n * 100);');

    const ended = (await room.call('session.list', { includeEnded: true })).find((s) => s.id === api.id);
    expect(ended).toMatchObject({ status: 'completed', endedAt: expect.any(String) });
    expect(existsSync(api.worktree)).toBe(false);
    await expect.poll(() => page.locator(`[data-testid=session-node][data-session="${api.id}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
