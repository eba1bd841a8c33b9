import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conflict, Session } from '../../src/shared/board';
import { backgroundOf, chooseTheme, openControlRoom } from './chromium';
import { startControlRoom, type ControlRoomFixture } from './control-room-fixture';

let room: ControlRoomFixture;
let sessions: Session[];

beforeAll(async () => {
  room = await startControlRoom({
    'README.md': '# shop\n',
    'src/api/server.ts': 'export const port = 8080;\n',
    'src/ui/app.tsx': 'export const App = () => null;\n',
    'docs/guide.md': '# Guide\n',
  });
  const { repo, call } = room;
  sessions = [
    await call('session.new', { repo: repo.root, title: 'Checkout API', owner: 'ada' }),
    await call('session.new', { repo: repo.root, title: 'Cart UI', owner: 'bob' }),
    await call('session.new', { repo: repo.root, title: 'Docs refresh', owner: 'cy' }),
  ];
  const [api, ui, docs] = sessions as [Session, Session, Session];
  // Real work in the worktrees: a commit and an uncommitted edit in one, a deletion in another.
  await repo.commit({ 'src/api/server.ts': 'export const port = 9090;\n' }, 'move the port', api.worktree);
  await repo.write({ 'src/api/routes.ts': 'export const routes = [];\n' }, api.worktree);
  await repo.write({ 'src/ui/app.tsx': 'export const App = () => "cart";\n', 'docs/guide.md': null }, ui.worktree);
  await call('claim', { session: api.id, patterns: ['src/api/**'], mode: 'write' });
  await call('claim', { session: ui.id, patterns: ['src/ui/**'], mode: 'write' });
  await call('claim', { session: ui.id, patterns: ['src/api/**'], mode: 'read' });
  await call('claim', { session: docs.id, patterns: ['docs/**'], mode: 'write' });
});

afterAll(async () => {
  await room?.close();
});

/**
 * The conflict engine works in the background; wait until it has found both: s2's read lease on
 * src/api/** meets s1's write lease (soft), and s2 deletes docs/guide.md inside s3's write lease (hard).
 */
async function openConflicts(): Promise<{ soft: Conflict; hard: Conflict }> {
  await expect.poll(async () => (await room.call('conflicts', {})).length).toBe(2);
  const conflicts = await room.call('conflicts', {});
  const [api, ui, docs] = sessions as [Session, Session, Session];
  const soft = conflicts.find((c) => c.kind === 'soft-overlap');
  const hard = conflicts.find((c) => c.kind === 'hard-collision');
  expect(soft).toMatchObject({ sessions: [api.id, ui.id] });
  expect(hard).toMatchObject({ sessions: [ui.id, docs.id], paths: ['docs/guide.md'] });
  return { soft: soft!, hard: hard! };
}

describe('the control room over a real coordinator', () => {
  it('draws every session, every lease and both open conflicts in the graph', async () => {
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.getByTestId('tab-graph').click();
    for (const session of sessions) {
      await expect.poll(() => page.locator(`[data-testid=session-node][data-session="${session.id}"]`).isVisible()).toBe(true);
      await expect(page.locator(`[data-testid=session-node][data-session="${session.id}"]`).textContent()).resolves.toContain(session.title);
    }
    const board = await room.call('board', {});
    expect(board.leases).toHaveLength(4);
    for (const lease of board.leases) {
      await expect(page.getByTestId(`rf__edge-lease:${lease.session}:path:${lease.pattern}`).count()).resolves.toBe(1);
    }
    const { soft, hard } = await openConflicts();
    for (const conflict of [soft, hard]) {
      await expect.poll(() => page.locator(`[data-testid^="rf__edge-conflict:${conflict.id}:"]`).count()).toBeGreaterThan(0);
    }
    await room.screenshotBothThemes(page, 'graph');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows the board live: a change made through the API appears without a reload', async () => {
    const docs = sessions[2]!;
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.getByTestId('tab-graph').click();
    const node = page.locator(`[data-testid=session-node][data-session="${docs.id}"]`);
    await node.waitFor();
    await room.call('status.set', { session: docs.id, status: 'blocked', blocker: 'needs the style guide' });
    await expect.poll(() => node.textContent()).toContain('needs the style guide');
    await expect.poll(() => page.getByTestId('count-blocked').textContent()).toMatch(/^1/);
    await room.call('status.set', { session: docs.id, status: 'active' });
    await expect.poll(() => node.textContent()).not.toContain('needs the style guide');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a session's real changed files and their diff in the detail panel", async () => {
    const [api] = sessions as [Session];
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.getByTestId('tab-graph').click();
    await page.locator(`[data-testid=session-node][data-session="${api.id}"]`).click();
    const detail = page.getByTestId('session-detail');
    await detail.getByTestId('changed-file').first().waitFor();

    // What git itself says the worktree changed since the session's base, committed or not.
    const committed = await room.repo.run(['diff', '--name-only', api.baseCommit], api.worktree);
    const untracked = await room.repo.run(['ls-files', '--others', '--exclude-standard'], api.worktree);
    const fromGit = [...new Set(`${committed}${untracked}`.split('\n').filter(Boolean))].sort();
    expect(fromGit).toEqual(['src/api/routes.ts', 'src/api/server.ts']);
    const shownPaths = async () => Promise.all((await detail.getByTestId('changed-file').all()).map((row) => row.getAttribute('data-path')));
    await expect.poll(shownPaths).toEqual(fromGit);

    const server = detail.locator('[data-testid=changed-file][data-path="src/api/server.ts"]');
    await server.locator('summary').click();
    await expect(server.locator('.patch').textContent()).resolves.toContain('+export const port = 9090;');
    // Added and removed lines are told apart, as git tells them apart.
    const gitLines = (await room.repo.run(['diff', api.baseCommit, '--', 'src/api/server.ts'], api.worktree)).split('\n');
    const texts = (kind: string) => server.locator(`.patch__line--${kind} .patch__text`).allTextContents();
    await expect(texts('added')).resolves.toEqual(gitLines.filter((l) => l.startsWith('+') && !l.startsWith('+++')));
    await expect(texts('removed')).resolves.toEqual(gitLines.filter((l) => l.startsWith('-') && !l.startsWith('---')));
    await expect(server.locator('summary').textContent()).resolves.toContain('+1 −1');
    await room.screenshotBothThemes(page, 'detail');
    await detail.evaluate((panel) => panel.scrollTo(0, panel.scrollHeight));
    await room.screenshotBothThemes(page, 'detail-history');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the open conflicts worst first in the conflicts view, with what to do next, and opens their sessions', async () => {
    const [, ui, docs] = sessions as [Session, Session, Session];
    const { soft, hard } = await openConflicts();
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.getByTestId('tab-conflicts').click();
    const cards = page.getByTestId('conflict');
    await expect.poll(() => cards.count()).toBe(2);
    const [first, second] = await cards.allTextContents();
    expect(first).toMatch(/hard collision/i);
    expect(first).toContain(hard.nextAction);
    expect(first).toContain('docs/guide.md');
    expect(second).toMatch(/soft overlap/i);
    expect(second).toContain(soft.nextAction);
    await cards.first().getByRole('button', { name: docs.id, exact: true }).click();
    await expect.poll(() => page.getByTestId('session-detail').textContent()).toContain(docs.title);
    await expect(cards.first().getByRole('button', { name: ui.id, exact: true }).count()).resolves.toBe(1);
    await room.screenshotBothThemes(page, 'conflicts');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tells the activity in the lead’s words and adds new events at the top as they happen', async () => {
    const [api, ui, docs] = sessions as [Session, Session, Session];
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.getByTestId('tab-activity').click();
    const lines = page.getByTestId('event');
    await expect.poll(() => lines.allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${api.id} claimed src/api/** (write)`),
        expect.stringContaining(`${ui.id} claimed src/api/** (read)`),
        expect.stringContaining(`${docs.id} started: “Docs refresh” for cy`),
      ]),
    );
    const token = await room.sessionToken(docs.worktree);
    await room.call('claim', { session: docs.id, patterns: ['README.md'], mode: 'write' }, token);
    await expect.poll(() => lines.first().textContent()).toContain(`${docs.id} claimed README.md (write)`);
    await expect(lines.first().textContent()).resolves.not.toContain('by');
    await room.call('release', { session: docs.id, patterns: ['README.md'] });
    await expect.poll(() => lines.first().textContent()).toMatch(new RegExp(`${docs.id} released README.md \\(write\\)by lead$`));
    await room.screenshotBothThemes(page, 'activity');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches to the dark theme and back through the theme control, and the page follows', async () => {
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await chooseTheme(page, 'light');
    const light = await backgroundOf(page);
    await chooseTheme(page, 'dark');
    const dark = await backgroundOf(page);
    expect(dark).not.toBe(light);
    // The dark background is dark: every channel well under half.
    expect(dark.match(/\d+/g)!.slice(0, 3).map(Number).every((channel) => channel < 64)).toBe(true);
    await chooseTheme(page, 'light');
    await expect(backgroundOf(page)).resolves.toBe(light);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the checkpoint history in the detail panel, newest first, with note, commit and green tests', async () => {
    const docs = sessions[2]!;
    const token = await room.sessionToken(docs.worktree);
    await room.call('checkpoint', { session: docs.id, note: 'outline agreed' }, token);
    await room.call('checkpoint', { session: docs.id, note: 'guide rewritten', tests: 'pass', testCommand: 'npm test' }, token);
    const head = (await room.repo.run(['rev-parse', 'HEAD'], docs.worktree)).trim();
    const { page, errors } = await openControlRoom(room.browser, room.coordinator.controlRoom);
    await page.locator(`[data-testid=session-row][data-session="${docs.id}"]`).click();
    const entries = page.getByTestId('session-detail').getByTestId('checkpoint');
    await expect.poll(() => entries.count()).toBe(2);
    const [newest, oldest] = await entries.allTextContents();
    expect(newest).toContain('guide rewritten');
    expect(newest).toContain('tests pass');
    expect(newest).toContain(head.slice(0, 8));
    expect(oldest).toContain('outline agreed');
    expect(oldest).not.toContain('tests pass');
    await room.screenshotBothThemes(page, 'board-detail');
    expect(errors).toEqual([]);
    await page.close();
  });
});
