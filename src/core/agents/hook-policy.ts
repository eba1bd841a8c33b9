/** How strictly the agent hooks apply the interlocking, read from the environment the agent runs in. */
export interface HookPolicy {
  /** An edit outside the session's scope is refused, not just noted (SIGNALBOX_STRICT_SCOPE=1). */
  strictScope: boolean;
  /** The first write to a file leases it to the session (SIGNALBOX_AUTOCLAIM=0 turns it off). */
  autoclaim: boolean;
  /** `warn` makes every refusal advisory: the write goes ahead with a note (SIGNALBOX_GUARD=warn). */
  guard: 'enforce' | 'warn';
  /** What the end of the agent's turn reports (SIGNALBOX_STOP_STATUS): ready for review, idle (blocked on the lead's next prompt), or nothing. */
  stopStatus: 'review-ready' | 'idle' | 'none';
  /** How long a status the hook set holds against renewed activity, so it does not flicker (SIGNALBOX_STATUS_HOLD_MS). */
  holdMs: number;
}

const DEFAULT_HOLD_MS = 5_000;

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

export function readHookPolicy(env: NodeJS.ProcessEnv): HookPolicy {
  const stop = env.SIGNALBOX_STOP_STATUS?.trim();
  const hold = Number(env.SIGNALBOX_STATUS_HOLD_MS);
  return {
    strictScope: flag(env.SIGNALBOX_STRICT_SCOPE, false),
    autoclaim: flag(env.SIGNALBOX_AUTOCLAIM, true),
    guard: env.SIGNALBOX_GUARD?.trim().toLowerCase() === 'warn' ? 'warn' : 'enforce',
    stopStatus: stop === 'none' || stop === 'idle' ? stop : 'review-ready',
    holdMs: env.SIGNALBOX_STATUS_HOLD_MS !== undefined && Number.isFinite(hold) && hold >= 0 ? hold : DEFAULT_HOLD_MS,
  };
}
