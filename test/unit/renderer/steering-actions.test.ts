import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src/shared/api';
import { board, lease, session } from './fixtures';
import { storeHarness } from './store-harness';

const twoSessions = board({
  sessions: [session('s1'), session('s2')],
  leases: [lease('l1', 's1', 'src/a.ts'), lease('l2', 's1', 'docs/**', 'read')],
  lastEventId: 10,
});

const { started } = storeHarness({ boards: [twoSessions] });

const tier3 = (holder: string) =>
  new ApiError({
    code: 'refused',
    message: `Reassigning the write lease src/a.ts takes it from session ${holder}, which is still live: that is a tier-3 ownership override.`,
    details: { contested: [holder] },
  });

describe('steering: handing leases over', () => {
  it('moves an uncontested lease at once, then reloads the board', async () => {
    const ctx = await started({ reassign: () => [lease('l2', 's2', 'docs/**', 'read')] });
    await ctx.s().actions.moveLeases(['docs/**'], 's2');
    expect(ctx.api.callsOf('reassign')).toEqual([{ pattern: 'docs/**', to: 's2', expectLease: 'l2', expectVersion: 1 }]);
    expect(ctx.api.callsOf('board')).toHaveLength(2);
    expect(ctx.s().override).toBeNull();
    expect(ctx.s().notices).toEqual([]);
  });

  it('a tier-3 refusal waits for the lead; confirming retries with confirm', async () => {
    const ctx = await started({
      reassign: (input: { confirm?: boolean }) => {
        if (!input.confirm) throw tier3('s1');
        return [lease('l1', 's2', 'src/a.ts')];
      },
    });
    await ctx.s().actions.moveLeases(['src/a.ts'], 's2');
    expect(ctx.s().override).toMatchObject({ to: 's2', patterns: ['src/a.ts'], holders: ['s1'], reasons: [expect.stringContaining('tier-3')] });
    expect(ctx.s().notices).toEqual([]);
    await ctx.s().actions.confirmOverride();
    expect(ctx.api.callsOf('reassign')).toEqual([
      { pattern: 'src/a.ts', to: 's2', expectLease: 'l1', expectVersion: 1 },
      { pattern: 'src/a.ts', to: 's2', confirm: true, expectLease: 'l1', expectVersion: 1 },
    ]);
    expect(ctx.s().override).toBeNull();
  });

  it('sends the version of the lease on screen, and a lease changed meanwhile comes back as the stale-write notice', async () => {
    const shown = board({ sessions: [session('s1'), session('s2')], leases: [{ ...lease('l1', 's1', 'src/a.ts'), version: 4 }], lastEventId: 10 });
    const renewed = board({ sessions: [session('s1'), session('s2')], leases: [{ ...lease('l1', 's1', 'src/a.ts'), version: 5 }], lastEventId: 11 });
    const ctx = await started(
      {
        reassign: () => {
          throw new ApiError({
            code: 'stale-version',
            message: 'lease l1 was changed by session:s1 at 2026-12-04T04:50:00.000Z (now version 5, you read 4); your change was not applied.',
          });
        },
      },
      [shown, renewed],
    );
    await ctx.s().actions.moveLeases(['src/a.ts'], 's2');
    expect(ctx.api.callsOf('reassign')).toEqual([{ pattern: 'src/a.ts', to: 's2', expectLease: 'l1', expectVersion: 4 }]);
    expect(ctx.s().override).toBeNull();
    expect(ctx.s().notices).toEqual([
      expect.objectContaining({
        tone: 'warning',
        title: 'Not saved — someone changed it first',
        message: expect.stringContaining('Could not move src/a.ts to s2: lease l1 was changed by session:s1 at'),
      }),
    ]);
    expect(ctx.s().board.leases['l1']?.version).toBe(5);
  });

  it('a drag sends the version the graph drew, even when a newer board has arrived since', async () => {
    const newer = board({ sessions: [session('s1'), session('s2')], leases: [{ ...lease('l1', 's1', 'src/a.ts'), version: 6 }], lastEventId: 10 });
    const ctx = await started({ reassign: () => [lease('l1', 's2', 'src/a.ts')] }, [newer]);
    await ctx.s().actions.moveLeases(['src/a.ts'], 's2', [{ id: 'l1', pattern: 'src/a.ts', session: 's1', version: 5 }]);
    expect(ctx.api.callsOf('reassign')).toEqual([{ pattern: 'src/a.ts', to: 's2', expectLease: 'l1', expectVersion: 5 }]);
  });

  it('sends no version for a pattern several sessions hold, which has none', async () => {
    const shared = board({
      sessions: [session('s1'), session('s2'), session('s3')],
      leases: [lease('l1', 's1', 'docs/**', 'read'), lease('l2', 's2', 'docs/**', 'read')],
      lastEventId: 10,
    });
    const ctx = await started({ reassign: () => [lease('l1', 's3', 'docs/**', 'read'), lease('l2', 's3', 'docs/**', 'read')] }, [shared]);
    await ctx.s().actions.moveLeases(['docs/**'], 's3');
    expect(ctx.api.callsOf('reassign')).toEqual([{ pattern: 'docs/**', to: 's3' }]);
  });

  it('cancelling a tier-3 hand-over takes nothing and says so', async () => {
    const ctx = await started({
      reassign: () => {
        throw tier3('s1');
      },
    });
    await ctx.s().actions.moveLeases(['src/a.ts'], 's2');
    ctx.s().actions.cancelOverride();
    expect(ctx.s().override).toBeNull();
    expect(ctx.api.callsOf('reassign')).toHaveLength(1);
    expect(ctx.s().notices[0]).toMatchObject({ tone: 'info', message: 'src/a.ts stays with s1.' });
  });

  it('any other refusal is a notice, not a confirmation', async () => {
    const ctx = await started({
      reassign: () => {
        throw new ApiError({ code: 'not-found', message: 'Session s9 does not exist.' });
      },
    });
    await ctx.s().actions.moveLeases(['src/a.ts'], 's2');
    expect(ctx.s().override).toBeNull();
    expect(ctx.s().notices[0]).toMatchObject({ tone: 'error', message: expect.stringContaining('move src/a.ts to s2') });
  });

  it('dropping an asset on the session that already holds it moves nothing', async () => {
    const ctx = await started({});
    await ctx.s().actions.moveLeases(['src/a.ts'], 's1');
    expect(ctx.api.callsOf('reassign')).toEqual([]);
    expect(ctx.s().notices[0]).toMatchObject({ tone: 'info', title: 'Nothing to move' });
  });
});

describe('steering: session levers', () => {
  it('marks blocked and unblocks as the lead with the version on screen', async () => {
    const ctx = await started({
      'status.set': (input: { status: string; blocker?: string }) =>
        session('s1', { status: input.status as 'blocked', blocker: input.blocker ? { text: input.blocker, since: 'now' } : null, version: 2 }),
    });
    await expect(ctx.s().actions.markBlocked('s1', 1, 'waiting for the schema')).resolves.toBe(true);
    await ctx.s().actions.unblock('s1', 2);
    expect(ctx.api.callsOf('status.set')).toEqual([
      { session: 's1', status: 'blocked', blocker: 'waiting for the schema', expectVersion: 1 },
      { session: 's1', status: 'active', expectVersion: 2 },
    ]);
  });

  it('ending keeps the diff, shows progress while git works, and takes the session off the board', async () => {
    let finish: (value: unknown) => void = () => undefined;
    const ctx = await started({ 'session.end': () => new Promise((resolve) => (finish = resolve)) });
    const ending = ctx.s().actions.endSession('s1');
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.s().busy['session:s1']).toMatch(/Ending s1: saving its diff/);
    finish({ session: session('s1', { status: 'completed', endedAt: '2025-01-01T11:00:00Z', version: 2 }), patchPath: '/data/preserved/s1.patch', worktreeRemoved: true });
    await expect(ending).resolves.toBe(true);
    expect(ctx.api.callsOf('session.end')).toEqual([{ id: 's1', preserveDiff: true, removeWorktree: true }]);
    expect(ctx.s().busy).toEqual({});
    expect(ctx.s().board.sessions.s1).toBeUndefined();
    expect(ctx.s().notices[0]).toMatchObject({ tone: 'info', message: expect.stringContaining('/data/preserved/s1.patch') });
  });

  it('creating a session shows progress under session:new and adds it to the board', async () => {
    let finish: (value: unknown) => void = () => undefined;
    const ctx = await started({ 'session.new': () => new Promise((resolve) => (finish = resolve)) });
    const creating = ctx.s().actions.createSession({ repo: 'r1', title: 'Docs' });
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.s().busy['session:new']).toMatch(/Creating “Docs”/);
    finish(session('s3', { title: 'Docs' }));
    await expect(creating).resolves.toMatchObject({ id: 's3' });
    expect(ctx.s().board.sessions.s3?.title).toBe('Docs');
  });
});

describe('steering: the selected session diff', () => {
  const show = ({ id }: { id: string }) => ({ session: session(id), leases: [], approvals: [], conflicts: [], changedPaths: ['a.txt'], events: [] });

  it('loads with the detail', async () => {
    const patch = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n';
    const ctx = await started({ 'session.show': show, 'session.diff': () => ({ session: 's1', baseCommit: 'abc', patch, truncated: false, limitBytes: 10 }) });
    ctx.s().actions.selectSession('s1');
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.s().diff).toMatchObject({ sessionId: 's1', loading: false, data: { patch } });
  });

  it('a coordinator without session.diff is explained, and the recorded files still show', async () => {
    const ctx = await started({ 'session.show': show });
    ctx.s().actions.selectSession('s1');
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.s().diff).toMatchObject({ sessionId: 's1', loading: false, data: null, error: expect.stringContaining('session.diff') });
    expect(ctx.s().detail.data?.changedPaths).toEqual(['a.txt']);
  });
});
