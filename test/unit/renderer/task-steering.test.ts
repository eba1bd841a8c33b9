import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/api';
import { board, session, task } from './fixtures';
import { storeHarness } from './store-harness';

const { started } = storeHarness({
  boards: [board({ sessions: [session('s1'), session('s2')], tasks: [task('t1', 's1', { version: 4 })], lastEventId: 10 })],
});

const tier3 = new ApiError({
  code: 'refused',
  message: 'Reassigning task t1 takes it from session s1, which is still live: that is a tier-3 ownership override.',
  details: { contested: ['s1'] },
});

describe('steering: handing a task over', () => {
  it('a tier-3 refusal waits for the lead; confirming retries with confirm at the version seen, and the board shows the new owner', async () => {
    const ctx = await started({
      'task.reassign': (input: { confirm?: boolean }) => {
        if (!input.confirm) throw tier3;
        return task('t1', 's2', { version: 5 });
      },
    });
    await ctx.s().actions.moveTask('t1', 's2');
    expect(ctx.s().taskOverride).toMatchObject({ task: 't1', to: 's2', holder: 's1', reason: expect.stringContaining('tier-3') });
    expect(ctx.s().notices).toEqual([]);
    await ctx.s().actions.confirmTaskOverride();
    expect(ctx.api.callsOf('task.reassign')).toEqual([
      { id: 't1', to: 's2', expectVersion: 4 },
      { id: 't1', to: 's2', expectVersion: 4, confirm: true },
    ]);
    expect(ctx.s().taskOverride).toBeNull();
    expect(ctx.s().board.tasks.t1).toMatchObject({ session: 's2', version: 5 });
  });

  it('cancelling takes nothing and says so; dropping on the owner calls nothing', async () => {
    const ctx = await started({
      'task.reassign': () => {
        throw tier3;
      },
    });
    await ctx.s().actions.moveTask('t1', 's2');
    ctx.s().actions.cancelTaskOverride();
    expect(ctx.s().taskOverride).toBeNull();
    expect(ctx.s().notices[0]).toMatchObject({ tone: 'info', message: 'Task t1 stays with s1.' });
    await ctx.s().actions.moveTask('t1', 's1');
    expect(ctx.api.callsOf('task.reassign')).toHaveLength(1);
    expect(ctx.s().board.tasks.t1).toMatchObject({ session: 's1', version: 4 });
  });
});
