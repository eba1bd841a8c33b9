import { describe, expect, it } from 'vitest';
import { readHookPolicy } from '../../../src/core/agents/hook-policy';
import { IDLE_BLOCKER, resumesWork, type StatusMemory, type StatusSignal, statusOnSignal } from '../../../src/core/agents/hook-status';
import type { SessionStatus } from '../../../src/shared/board';

const policy = readHookPolicy({});
const stop: StatusSignal = { kind: 'turn-ended' };
const permission: StatusSignal = { kind: 'prompt', notificationType: 'permission_prompt', message: 'Claude needs your permission to use Bash' };
const idle: StatusSignal = { kind: 'prompt', notificationType: 'idle_prompt', message: 'Claude is waiting for your input' };
const other: StatusSignal = { kind: 'prompt', notificationType: 'auth_success', message: 'ok' };
const session = (status: SessionStatus, blocker: string | null = null) => ({ status, blocker: blocker ? { text: blocker, since: 't' } : null });
const byHook = (status: SessionStatus, blocker: string | null = null, waitsOnPrompt = false): StatusMemory => ({ status, version: 3, at: 1_000, blocker, waitsOnPrompt });
const ASKED = 'Claude needs your permission to use Bash';

describe('statusOnSignal', () => {
  it.each<[string, StatusSignal, ReturnType<typeof session>, StatusMemory | null, ReturnType<typeof statusOnSignal>]>([
    ['Stop on an active session', stop, session('active'), null, { status: 'review-ready' }],
    ['Stop when already review-ready', stop, session('review-ready'), byHook('review-ready'), null],
    ['Stop after the hook’s permission block', stop, session('blocked', ASKED), byHook('blocked', ASKED, true), { status: 'review-ready' }],
    ['Stop on the agent’s own block', stop, session('blocked', 'needs credentials'), null, null],
    ['Stop on the agent’s own block set over the hook’s', stop, session('blocked', 'needs credentials'), byHook('blocked', ASKED, true), null],
    ['Stop on a paused session', stop, session('paused'), byHook('review-ready'), null],
    ['Stop while awaiting approval', stop, session('awaiting-approval', 'merge'), null, null],
    ['permission prompt while active', permission, session('active'), null, { status: 'blocked', blocker: 'Claude needs your permission to use Bash' }],
    ['permission prompt after review-ready', permission, session('review-ready'), byHook('review-ready'), { status: 'blocked', blocker: 'Claude needs your permission to use Bash' }],
    ['permission prompt on the agent’s own block', permission, session('blocked', 'needs credentials'), null, null],
    ['the same permission prompt again', permission, session('blocked', ASKED), byHook('blocked', ASKED, true), null],
    ['permission prompt on a paused session', permission, session('paused'), null, null],
    ['idle prompt while active', idle, session('active'), null, { status: 'blocked', blocker: 'Claude is waiting for your input' }],
    ['idle prompt after review-ready', idle, session('review-ready'), byHook('review-ready'), null],
    ['another notification', other, session('active'), null, null],
  ])('%s', (_name, signal, current, memory, expected) => {
    expect(statusOnSignal(signal, current, memory, policy)).toEqual(expected);
  });

  it('follows the stop policy', () => {
    expect(statusOnSignal(stop, session('active'), null, readHookPolicy({ SIGNALBOX_STOP_STATUS: 'idle' }))).toEqual({ status: 'blocked', blocker: IDLE_BLOCKER });
    expect(statusOnSignal(stop, session('active'), null, readHookPolicy({ SIGNALBOX_STOP_STATUS: 'none' }))).toBeNull();
  });

  it('gives an empty prompt message a blocker of its own', () => {
    expect(statusOnSignal({ ...permission, message: ' ' }, session('active'), null, policy)).toEqual({ status: 'blocked', blocker: 'The agent waits for a permission answer.' });
  });
});

describe('resumesWork', () => {
  it('resumes only a status the hook set, and only after the hold', () => {
    for (const evidence of ['write-allowed', 'tool-finished'] as const) {
      expect(resumesWork(null, evidence, 99_999, policy)).toBe(false);
      expect(resumesWork(byHook('active'), evidence, 99_999, policy)).toBe(false);
      expect(resumesWork(byHook('review-ready'), evidence, 1_000 + 4_999, policy)).toBe(false);
      expect(resumesWork(byHook('review-ready'), evidence, 1_000 + 5_000, policy)).toBe(true);
      expect(resumesWork(byHook('blocked'), evidence, 1_000 + 5_000, policy)).toBe(true);
    }
  });

  it('ends a block for a prompt at the next finished tool, inside the hold: the prompt was answered', () => {
    expect(resumesWork(byHook('blocked', ASKED, true), 'tool-finished', 1_000, policy)).toBe(true);
    expect(resumesWork(byHook('blocked', ASKED, true), 'write-allowed', 1_000 + 4_999, policy)).toBe(false);
    expect(resumesWork(byHook('blocked', ASKED, true), 'write-allowed', 1_000 + 5_000, policy)).toBe(true);
    expect(resumesWork(byHook('active', null, true), 'tool-finished', 1_000, policy)).toBe(false);
  });
});
