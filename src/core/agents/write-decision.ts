import type { CheckVerdict, CheckVerdictKind } from '../../shared/board';
import type { HookPolicy } from './hook-policy';

const VERDICTS: readonly CheckVerdictKind[] = ['clear', 'soft-overlap', 'hard-collision', 'forbidden', 'out-of-scope'];

/**
 * The coordinator's answer to `check`, read before it is trusted: an answer without a verdict the
 * guard knows (a broken or foreign server) must refuse the write like no answer, never let it through.
 */
export function checkedVerdict(answer: unknown): CheckVerdict {
  const verdict = answer as Partial<CheckVerdict> | null;
  const known = typeof verdict === 'object' && verdict !== null && VERDICTS.includes(verdict.verdict as CheckVerdictKind);
  if (!known || typeof verdict.reason !== 'string' || typeof verdict.nextAction !== 'string' || !Array.isArray(verdict.holders)) {
    throw new Error(`the coordinator answered the check with no verdict Signalbox knows (${JSON.stringify(answer)?.slice(0, 200)}).`);
  }
  return verdict as CheckVerdict;
}

/** What an agent's guarded write gets: go ahead (perhaps with a note it reads first), or a refusal with the reason. */
export type WriteDecision = { kind: 'allow'; note: string | null } | { kind: 'deny'; reason: string };

/** A refusal — or, with SIGNALBOX_GUARD=warn, the same words as a note on a write that goes ahead. */
export function refusal(reason: string, policy: HookPolicy): WriteDecision {
  return policy.guard === 'warn'
    ? { kind: 'allow', note: `${reason} (SIGNALBOX_GUARD=warn: advisory only, the write was let through.)` }
    : { kind: 'deny', reason };
}

/** The same words as `signalbox check`: who holds what, and what to do instead. */
export function verdictText(verdict: CheckVerdict): string {
  return `Signalbox ${verdict.verdict}: ${verdict.reason} ${verdict.nextAction}`;
}

/** Hard collisions and forbidden paths are refused; out of scope too when the scope is strict. */
export function refusesWrite(verdict: CheckVerdict, policy: HookPolicy): boolean {
  if (verdict.verdict === 'hard-collision' || verdict.verdict === 'forbidden') return true;
  return verdict.verdict === 'out-of-scope' && policy.strictScope;
}

/** The interlocking's verdict on one write, under the policy the agent runs with. */
export function decideWrite(verdict: CheckVerdict, policy: HookPolicy): WriteDecision {
  const text = verdictText(verdict);
  if (refusesWrite(verdict, policy)) return refusal(text, policy);
  return { kind: 'allow', note: verdict.verdict === 'clear' ? null : text };
}

/** A write Signalbox could not check is refused, never let through by accident (DESIGN §4). */
export function uncheckedWrite(why: string, policy: HookPolicy): WriteDecision {
  return refusal(
    `Signalbox could not check this write: ${why} ` +
      'It is refused so that no lease is overwritten unseen. Make sure the coordinator runs (`signalbox serve`) and try again; ' +
      'the lead can make the check advisory with SIGNALBOX_GUARD=warn.',
    policy,
  );
}
