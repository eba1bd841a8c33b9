import { afterAll, describe, expect, it } from 'vitest';
import { serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';

let coordinator: ServedCoordinator | null = null;
const data = tempDir('signalbox-demo-');

afterAll(async () => {
  await coordinator?.kill();
  data.remove();
});

describe('signalbox serve --demo', () => {
  it('starts with a sample repository, three sessions in real worktrees, their leases and an approval waiting', async () => {
    coordinator = await serveCoordinator(data.path, ['--demo']);
    const board = (await coordinator.api('board', {})).body;
    expect(board.repos).toHaveLength(1);
    expect(board.sessions.map((s: { title: string }) => s.title)).toEqual(
      expect.arrayContaining(['Add order search', 'Cart redesign', 'Index orders by date']),
    );
    expect(board.sessions.every((s: { flags: string[] }) => !s.flags.includes('worktree-missing'))).toBe(true);
    expect(board.leases.map((l: { pattern: string }) => l.pattern)).toEqual(
      expect.arrayContaining(['src/api/**', 'db/migrations/**', 'src/ui/**', 'db/migrations/0001_init.sql']),
    );
    expect(board.approvals).toEqual([expect.objectContaining({ tier: 3, state: 'pending' })]);
  });
});
