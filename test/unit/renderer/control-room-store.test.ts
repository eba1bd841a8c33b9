import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src/shared/api';
import type { Board } from '../../../src/shared/board';
import { createControlRoomStore } from '../../../src/renderer/src/store/control-room-store';
import { FakeApi } from './fake-api';
import { approval, board, event, lease, session } from './fixtures';
import { storeHarness } from './store-harness';

const { setup, start, started } = storeHarness({
  boards: [board({ sessions: [session('s1')], lastEventId: 10 })],
  handlers: { 'events.since': () => [event(10, 'session.created', 'session:s1', session('s1'))] },
});

describe('control room store: loading and following the board', () => {
  it('loads the board, lays out the graph, loads recent activity, then follows events from the board id', async () => {
    const ctx = await started();
    expect(ctx.s().loadState).toBe('ready');
    expect(Object.keys(ctx.s().board.sessions)).toEqual(['s1']);
    expect(ctx.s().graph.nodes.map((n) => n.id)).toEqual(['session:s1']);
    expect(ctx.api.subscription?.lastEventId).toBe(10);
    expect(ctx.api.callsOf('events.since')).toEqual([{ after: 0, limit: 200 }]);
    expect(ctx.s().activity.map((e) => e.id)).toEqual([10]);
  });

  it('applies a record event to the store, the activity feed and the graph', async () => {
    const ctx = await started();
    ctx.api.emit(event(11, 'session.updated', 'session:s1', session('s1', { status: 'blocked', version: 2 })));
    expect(ctx.s().board.sessions.s1?.status).toBe('blocked');
    expect(ctx.s().activity.map((e) => e.id)).toEqual([11, 10]);
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.s().graph.nodes[0]?.data).toMatchObject({ status: 'blocked' });
    expect(ctx.boardCalls()).toBe(1);
  });

  it('refetches the board once, debounced, for events it cannot apply', async () => {
    const ctx = await started();
    ctx.api.emit(event(11, 'lease.released', 'session:s1', null));
    ctx.api.emit(event(12, 'merge.done', 'merge:m1', { id: 'm1' }));
    await vi.advanceTimersByTimeAsync(50);
    expect(ctx.boardCalls()).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(ctx.boardCalls()).toBe(2);
  });

  it('after a reconnect, refetches the board (no reload) and ignores replayed events', async () => {
    const ctx = await started(
      {}, [board({ sessions: [session('s1')], lastEventId: 10 }), board({ sessions: [session('s1', { title: 'after restart', version: 5 })], lastEventId: 20 })],
    );
    ctx.api.state('live');
    ctx.api.state('reconnecting');
    expect(ctx.s().connection).toBe('reconnecting');
    ctx.api.state('live');
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.boardCalls()).toBe(2);
    expect(ctx.s().board.sessions.s1?.title).toBe('after restart');
    ctx.api.emit(event(15, 'session.updated', 'session:s1', session('s1', { title: 'replayed old' })));
    expect(ctx.s().board.sessions.s1?.title).toBe('after restart');
  });

  it('holds back events that arrive while a board is loading, and applies the newer ones after it', async () => {
    let release!: (b: Board) => void;
    const ctx = await started();
    ctx.api.handlers.board = () => new Promise<Board>((resolve) => (release = resolve));
    const refresh = ctx.s().actions.refresh();
    await vi.advanceTimersByTimeAsync(0);
    ctx.api.emit(event(11, 'session.updated', 'session:s1', session('s1', { title: 'in the snapshot', version: 2 })));
    ctx.api.emit(event(12, 'session.updated', 'session:s1', session('s1', { title: 'newer than the snapshot', version: 3 })));
    release(board({ sessions: [session('s1', { title: 'in the snapshot', version: 2 })], lastEventId: 11 }));
    await refresh;
    expect(ctx.s().board.sessions.s1?.title).toBe('newer than the snapshot');
    expect(ctx.s().board.lastEventId).toBe(12);
  });

  it('keeps retrying the first load while the coordinator is down', async () => {
    let up = false;
    const ctx = setup({
      board: () => {
        if (!up) throw new ApiError({ code: 'internal', message: 'Cannot reach the coordinator' });
        return board({ lastEventId: 3 });
      },
    });
    start(ctx.store);
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.s().loadState).toBe('failed');
    expect(ctx.s().connection).toBe('reconnecting');
    expect(ctx.api.subscription).toBeNull();
    up = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(ctx.s().loadState).toBe('ready');
    expect(ctx.api.subscription?.lastEventId).toBe(3);
  });

  it('without a token, says so and calls nothing', () => {
    const api = new FakeApi();
    const store = createControlRoomStore(api, { missingToken: true });
    start(store);
    expect(store.getState().loadError).toMatch(/#token=/);
    expect(api.calls).toEqual([]);
  });
});

describe('control room store: writes', () => {
  it('pauses with the version the lead sees and takes the returned record', async () => {
    const ctx = await started({ 'session.pause': () => session('s1', { status: 'paused', version: 2 }) });
    await expect(ctx.s().actions.pauseSession('s1')).resolves.toBe(true);
    expect(ctx.api.callsOf('session.pause')).toEqual([{ id: 's1', expectVersion: 1 }]);
    expect(ctx.s().board.sessions.s1?.status).toBe('paused');
    expect(ctx.s().busy).toEqual({});
  });

  it('on a stale version: shows who changed it, reloads the board, overwrites nothing', async () => {
    const theirs = session('s1', { title: 'their title', version: 2, updatedBy: 'bob' });
    const ctx = await started(
      {
        'session.update': () => {
          throw new ApiError({
            code: 'stale-version',
            message: 'session:s1 was changed by bob at 2025-01-01 10:02 (now version 2, you read 1); your change was not applied.',
          });
        },
        'session.show': () => ({ session: theirs, leases: [], approvals: [], conflicts: [], events: [] }),
      },
      [board({ sessions: [session('s1')], lastEventId: 10 }), board({ sessions: [theirs], lastEventId: 11 })],
    );
    ctx.s().actions.selectSession('s1');
    const ok = await ctx.s().actions.updateSession('s1', 1, { title: 'my title' });
    expect(ok).toBe(false);
    expect(ctx.api.callsOf('session.update')).toEqual([{ id: 's1', expectVersion: 1, fields: { title: 'my title' } }]);
    expect(ctx.s().notices).toHaveLength(1);
    expect(ctx.s().notices[0]).toMatchObject({ tone: 'warning', message: expect.stringContaining('changed by bob at 2025-01-01 10:02') });
    expect(ctx.s().board.sessions.s1).toEqual(theirs);
    expect(ctx.s().detail.data?.session).toEqual(theirs);
    ctx.s().actions.dismissNotice(ctx.s().notices[0]!.id);
    expect(ctx.s().notices).toEqual([]);
  });

  it('a refusal is shown with its hint and does not reload', async () => {
    const ctx = await started(
      {
      'session.resume': () => {
        throw new ApiError({ code: 'refused', message: 'session s1 has ended', hint: 'start a new session' });
      },
      },
    );
    await ctx.s().actions.resumeSession('s1');
    expect(ctx.s().notices[0]).toMatchObject({ tone: 'error', title: 'Refused by the interlocking', hint: 'start a new session' });
    expect(ctx.boardCalls()).toBe(1);
  });

  it('decides an approval when the coordinator offers the operation', async () => {
    const decided = approval('a1', 's1', { state: 'denied', why: 'not yet', version: 2 });
    const ctx = await started(
      { 'approval.decide': () => decided }, [board({ sessions: [session('s1')], approvals: [approval('a1', 's1')], lastEventId: 10 })],
    );
    await expect(ctx.s().actions.decideApproval('a1', 'deny', 'not yet')).resolves.toBe(true);
    expect(ctx.api.callsOf('approval.decide')).toEqual([{ id: 'a1', decision: 'deny', why: 'not yet', expectVersion: 1 }]);
    expect(ctx.s().board.approvals.a1).toEqual(decided);
  });
});

describe('control room store: view', () => {
  it('selecting a session loads its detail; events about it reload the detail; null closes it', async () => {
    const ctx = await started(
      { 'session.show': ({ id }: { id: string }) => ({ session: session(id), leases: [], approvals: [], conflicts: [], events: [] }) },
    );
    ctx.s().actions.selectSession('s1');
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.s().detail).toMatchObject({ sessionId: 's1', loading: false, data: { session: { id: 's1' } } });
    ctx.api.emit(event(11, 'lease.granted', 'lease:l1', lease('l1', 's1', 'a/**')));
    await vi.advanceTimersByTimeAsync(300);
    expect(ctx.api.callsOf('session.show')).toHaveLength(2);
    ctx.s().actions.selectSession(null);
    expect(ctx.s().detail.sessionId).toBeNull();
    expect(ctx.s().view.selectedSessionId).toBeNull();
  });

  it('filters rebuild the graph; sorting toggles direction', async () => {
    const ctx = await started({}, [board({ sessions: [session('s1'), session('s2', { status: 'blocked' })], lastEventId: 10 })]);
    expect(ctx.s().graph.nodes).toHaveLength(2);
    ctx.s().actions.toggleStatusFilter('blocked');
    expect(ctx.s().graph.nodes.map((n) => n.id)).toEqual(['session:s2']);
    ctx.s().actions.clearFilters();
    ctx.s().actions.setSearch('s1');
    expect(ctx.s().graph.nodes.map((n) => n.id)).toEqual(['session:s1']);
    ctx.s().actions.sortBy('title');
    expect(ctx.s().view.sort).toEqual({ column: 'title', direction: 'asc' });
    ctx.s().actions.sortBy('title');
    expect(ctx.s().view.sort).toEqual({ column: 'title', direction: 'desc' });
  });

  it('keeps node positions across updates and remembers where the lead dropped a node', async () => {
    const ctx = await started();
    ctx.s().actions.placeNode('session:s1', { x: 777, y: 333 });
    ctx.api.emit(event(11, 'session.created', 'session:s2', session('s2')));
    await vi.advanceTimersByTimeAsync(0);
    const at = Object.fromEntries(ctx.s().graph.nodes.map((n) => [n.id, n.position]));
    expect(at['session:s1']).toEqual({ x: 777, y: 333 });
    expect(at['session:s2']).toBeDefined();
  });

  it('reuses unchanged node objects so memoised nodes do not re-render', async () => {
    const ctx = await started({}, [board({ sessions: [session('s1'), session('s2')], lastEventId: 10 })]);
    const before = ctx.s().graph.nodes;
    ctx.api.emit(event(11, 'session.updated', 'session:s2', session('s2', { title: 'changed', version: 2 })));
    await vi.advanceTimersByTimeAsync(0);
    const after = ctx.s().graph.nodes;
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  });

  it('saves theme and tab preferences', () => {
    const saved: unknown[] = [];
    const store = createControlRoomStore(new FakeApi(), { preferences: { load: () => ({ tab: 'graph' }), save: (p) => saved.push(p) } });
    expect(store.getState().view.tab).toBe('graph');
    store.getState().actions.setTheme('dark');
    expect(saved).toEqual([{ theme: 'dark', tab: 'graph' }]);
  });
});
