import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerClaudeHook, type ClaudeHookContext } from '../../../src/core/agents/claude-hook';
import { type CoordinatorLink, CoordinatorRefusal, CoordinatorUnreachable } from '../../../src/core/agents/coordinator-link';
import { readHookPolicy } from '../../../src/core/agents/hook-policy';
import type { ApiErrorBody, OperationName } from '../../../src/shared/api';
import type { CheckVerdict } from '../../../src/shared/board';

let root: string;
let worktree: string;

/** A linked worktree as `session new` leaves it, on the file system alone. */
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'signalbox-hook-unit-')));
  worktree = join(root, 'wt');
  const gitDir = join(root, 'repo/.git/worktrees/wt');
  mkdirSync(join(gitDir, 'signalbox'), { recursive: true });
  mkdirSync(join(worktree, 'src'), { recursive: true });
  writeFileSync(join(worktree, '.git'), `gitdir: ${gitDir}\n`);
  writeFileSync(join(gitDir, 'commondir'), '../..\n');
  writeFileSync(join(gitDir, 'signalbox/session.json'), JSON.stringify({ session: 's7', token: 't', dataDir: join(root, 'data'), url: 'http://127.0.0.1:1' }));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

type Answer = unknown | ((input: any) => unknown);

/** A coordinator that answers from a table and records what it was asked. */
function fakeCoordinator(answers: Partial<Record<OperationName, Answer>>) {
  const calls: { op: OperationName; input: any }[] = [];
  const link: CoordinatorLink = {
    call: (async (op: OperationName, input: unknown) => {
      calls.push({ op, input });
      const answer = answers[op];
      const value = typeof answer === 'function' ? (answer as (input: unknown) => unknown)(input) : answer;
      if (value instanceof Error) throw value;
      if (value === undefined) throw new Error(`unexpected ${op}`);
      return value;
    }) as CoordinatorLink['call'],
    close: () => undefined,
  };
  return { calls, link };
}

const refusal = (body: ApiErrorBody) => new CoordinatorRefusal(body);
const clear: CheckVerdict = { verdict: 'clear', holders: [], reason: 'No other session holds or has changed src/a.ts.', nextAction: 'Go ahead.', paths: ['src/a.ts'] };

function context(link: CoordinatorLink, env: Record<string, string> = {}, now = 1_000): ClaudeHookContext {
  return { policy: readHookPolicy(env), projectDir: undefined, now: () => now, link: () => link };
}

const write = (file = 'src/a.ts') => ({ kind: 'write' as const, cwd: worktree, tool: 'Write', filePath: join(worktree, file) });

describe('answerClaudeHook', () => {
  it('asks with the repository path, then leases the file once', async () => {
    const { calls, link } = fakeCoordinator({ check: clear, claim: { leases: [], warnings: [] } });
    expect(await answerClaudeHook(write(), context(link))).toBe('');
    expect(await answerClaudeHook(write(), context(link))).toBe('');
    expect(calls).toEqual([
      { op: 'check', input: { session: 's7', paths: ['src/a.ts'], mode: 'write' } },
      { op: 'claim', input: { session: 's7', patterns: ['src/a.ts'], mode: 'write', reason: expect.any(String) } },
      { op: 'check', input: { session: 's7', paths: ['src/a.ts'], mode: 'write' } },
    ]);
  });

  it('denies when another session takes the file between the check and the lease', async () => {
    const { link } = fakeCoordinator({
      check: clear,
      claim: refusal({ code: 'refused', message: 'Nothing was claimed: session s3 ("Api", owner ana) holds the write lease src/**.', hint: 'Work elsewhere.' }),
    });
    const answer = JSON.parse(await answerClaudeHook(write(), context(link)));
    expect(answer.hookSpecificOutput).toEqual({
      hookEventName: 'PreToolUse',
      permissionDecision: 'deny',
      permissionDecisionReason: 'Signalbox hard-collision: Nothing was claimed: session s3 ("Api", owner ana) holds the write lease src/**. Work elsewhere.',
    });
  });

  it('lets the write through when only the lease fails for another reason', async () => {
    const { link } = fakeCoordinator({ check: clear, claim: new CoordinatorUnreachable('gone') });
    expect(await answerClaudeHook(write(), context(link))).toBe('');
  });

  it('refuses a write the coordinator cannot answer for, naming why', async () => {
    const ended = fakeCoordinator({ check: refusal({ code: 'refused', message: 'Session s7 has ended; it holds no leases.', hint: 'Start a new session for new work.' }) });
    expect(JSON.parse(await answerClaudeHook(write(), context(ended.link))).hookSpecificOutput.permissionDecisionReason).toMatch(
      /^Signalbox could not check this write: Session s7 has ended; it holds no leases\. Start a new session for new work\./,
    );
    const noFile = fakeCoordinator({});
    expect(JSON.parse(await answerClaudeHook({ ...write(), filePath: null }, context(noFile.link))).hookSpecificOutput.permissionDecisionReason).toMatch(
      /the Write call names no file/,
    );
    expect(noFile.calls).toEqual([]);
  });

  it.each([
    ['null', null],
    ['an empty object', {}],
    ['an unknown verdict', { verdict: 'sure', holders: [], reason: 'r', nextAction: 'n', paths: [] }],
    ['a verdict without its reason', { verdict: 'clear', holders: [], paths: [] }],
  ])('refuses a write when the coordinator answers the check with %s', async (_name, answer) => {
    const { calls, link } = fakeCoordinator({ check: () => answer });
    const reply = JSON.parse(await answerClaudeHook(write(), context(link)));
    expect(reply.hookSpecificOutput).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: expect.stringMatching(/no verdict Signalbox knows/) });
    expect(calls.map((c) => c.op)).toEqual(['check']);
  });

  it('sets active again after the hold, and gives up when the status is no longer the hook’s', async () => {
    const stopped = fakeCoordinator({
      'session.show': { session: { status: 'active', blocker: null, version: 4 } },
      'status.set': (input: { status: string }) => ({ status: input.status, version: 5 }),
    });
    await answerClaudeHook({ kind: 'stop', cwd: worktree, stopHookActive: false }, context(stopped.link, {}, 1_000));
    expect(stopped.calls.at(-1)).toEqual({ op: 'status.set', input: { session: 's7', status: 'review-ready', expectVersion: 4 } });

    const early = fakeCoordinator({ check: clear, claim: { leases: [], warnings: [] } });
    await answerClaudeHook(write(), context(early.link, {}, 1_000 + 4_000));
    expect(early.calls.map((c) => c.op)).toEqual(['check', 'claim']);

    const paused = fakeCoordinator({
      'check': clear,
      'status.set': refusal({ code: 'stale-version', message: 'changed by lead' }),
      'session.show': { session: { status: 'paused', blocker: null, version: 6 } },
    });
    await answerClaudeHook(write(), context(paused.link, {}, 1_000 + 6_000));
    expect(paused.calls.map((c) => c.op)).toEqual(['check', 'status.set', 'session.show']);

    const later = fakeCoordinator({ check: clear });
    await answerClaudeHook(write(), context(later.link, {}, 1_000 + 9_000));
    expect(later.calls.map((c) => c.op)).toEqual(['check']);
  });
});
