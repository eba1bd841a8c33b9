import type { SessionCredentials } from '../board/session-credentials';
import { type CoordinatorLink, CoordinatorRefusal } from './coordinator-link';
import { type HookMemory, readHookMemory, rememberQuietly } from './hook-memory';
import type { HookPolicy } from './hook-policy';
import { heldByHook, resumesWork, type StatusSignal, statusOnSignal, type WorkEvidence } from './hook-status';
import type { SessionWorktree } from './session-worktree';

/** What every agent hook runs with. */
export interface AgentHookContext {
  policy: HookPolicy;
  now(): number;
  /** The coordinator as the session found; injected so the decisions can be tested without one. */
  link(credentials: SessionCredentials): CoordinatorLink;
}

/**
 * Reports the end of a turn or a prompt as the session's status, against the session as it is
 * now, and only if nobody changed it in between (expectVersion). Never throws: a report that cannot
 * be delivered is not worth stopping the agent for.
 */
export async function reportSignal(signal: StatusSignal, session: SessionWorktree, context: AgentHookContext): Promise<void> {
  const link = context.link(session.credentials);
  const id = session.credentials.session;
  try {
    const memory = readHookMemory(session.gitDir, id);
    const { session: current } = await link.call('session.show', { id });
    const change = statusOnSignal(signal, current, memory.status, context.policy);
    if (!change) return;
    const after = await link.call('status.set', {
      session: id,
      status: change.status,
      ...(change.blocker !== undefined ? { blocker: change.blocker } : {}),
      expectVersion: current.version,
    });
    const status = {
      status: after.status,
      version: after.version,
      at: context.now(),
      blocker: after.blocker?.text ?? null,
      waitsOnPrompt: signal.kind === 'prompt',
    };
    rememberQuietly(session.gitDir, { ...memory, status });
  } catch {
    // No coordinator, or someone changed the session first: their word stands.
  } finally {
    link.close();
  }
}

/**
 * Work that goes on (past the hold, or past a prompt) takes the session out of the review-ready or
 * blocked the hook set — and out of nothing else. Updates `memory`; the caller stores it.
 */
export async function resumeWork(
  link: CoordinatorLink,
  session: SessionWorktree,
  memory: HookMemory,
  evidence: WorkEvidence,
  context: AgentHookContext,
): Promise<void> {
  const held = memory.status;
  const now = context.now();
  if (!held || !resumesWork(held, evidence, now, context.policy)) return;
  const id = session.credentials.session;
  try {
    let version: number;
    try {
      version = (await link.call('status.set', { session: id, status: 'active', expectVersion: held.version })).version;
    } catch (error) {
      if (!(error instanceof CoordinatorRefusal) || error.body.code !== 'stale-version') throw error;
      // Changed since (a checkpoint, the lead's edit): take the status back only if it is still the hook's.
      const { session: current } = await link.call('session.show', { id });
      if (!heldByHook(held, current)) {
        memory.status = null;
        return;
      }
      version = (await link.call('status.set', { session: id, status: 'active', expectVersion: current.version })).version;
    }
    memory.status = { status: 'active', version, at: now, blocker: null, waitsOnPrompt: false };
  } catch {
    // The board keeps the older status; the next write tries again.
  }
}
