import { describe, expect, it } from 'vitest';
import { decideWrite, uncheckedWrite } from '../../../src/core/agents/write-decision';
import { readHookPolicy } from '../../../src/core/agents/hook-policy';
import type { CheckVerdict, CheckVerdictKind } from '../../../src/shared/board';

const verdict = (kind: CheckVerdictKind): CheckVerdict => ({ verdict: kind, holders: [], reason: `reason of ${kind}.`, nextAction: `next for ${kind}.`, paths: ['a'] });
const policy = (env: Record<string, string> = {}) => readHookPolicy(env);

describe('decideWrite', () => {
  it.each<[CheckVerdictKind, Record<string, string>, string]>([
    ['clear', {}, 'allow-silent'],
    ['soft-overlap', {}, 'allow-note'],
    ['out-of-scope', {}, 'allow-note'],
    ['out-of-scope', { SIGNALBOX_STRICT_SCOPE: '1' }, 'deny'],
    ['out-of-scope', { SIGNALBOX_STRICT_SCOPE: 'true' }, 'deny'],
    ['out-of-scope', { SIGNALBOX_STRICT_SCOPE: '0' }, 'allow-note'],
    ['forbidden', {}, 'deny'],
    ['hard-collision', {}, 'deny'],
    ['hard-collision', { SIGNALBOX_GUARD: 'warn' }, 'allow-note'],
    ['forbidden', { SIGNALBOX_GUARD: 'WARN' }, 'allow-note'],
    ['clear', { SIGNALBOX_GUARD: 'warn' }, 'allow-silent'],
  ])('%s with %j → %s', (kind, env, expected) => {
    const decision = decideWrite(verdict(kind), policy(env));
    const shape = decision.kind === 'deny' ? 'deny' : decision.note === null ? 'allow-silent' : 'allow-note';
    expect(shape).toBe(expected);
    if (decision.kind === 'deny') expect(decision.reason).toBe(`Signalbox ${kind}: reason of ${kind}. next for ${kind}.`);
  });

  it('refuses what it could not check, unless the guard is advisory', () => {
    expect(uncheckedWrite('no coordinator.', policy())).toMatchObject({ kind: 'deny', reason: expect.stringMatching(/^Signalbox could not check this write: no coordinator\./) });
    expect(uncheckedWrite('no coordinator.', policy({ SIGNALBOX_GUARD: 'warn' }))).toMatchObject({ kind: 'allow', note: expect.stringMatching(/advisory only/) });
  });
});

describe('readHookPolicy', () => {
  it('has safe defaults and reads each variable', () => {
    expect(readHookPolicy({})).toEqual({ strictScope: false, autoclaim: true, guard: 'enforce', stopStatus: 'review-ready', holdMs: 5000 });
    expect(
      readHookPolicy({ SIGNALBOX_AUTOCLAIM: 'off', SIGNALBOX_STOP_STATUS: 'idle', SIGNALBOX_STATUS_HOLD_MS: '0', SIGNALBOX_GUARD: 'enforce' }),
    ).toEqual({ strictScope: false, autoclaim: false, guard: 'enforce', stopStatus: 'idle', holdMs: 0 });
    expect(readHookPolicy({ SIGNALBOX_STOP_STATUS: 'sleepy', SIGNALBOX_STATUS_HOLD_MS: '-3' })).toMatchObject({ stopStatus: 'review-ready', holdMs: 5000 });
  });
});
