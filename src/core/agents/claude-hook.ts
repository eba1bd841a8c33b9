import { isAbsolute, relative, resolve, sep } from 'node:path';
import { preToolUseReply, sessionStartReply } from './claude-hook-reply';
import type { ClaudeHookEvent } from './claude-hook-input';
import { type CoordinatorLink, CoordinatorRefusal } from './coordinator-link';
import { type HookMemory, readHookMemory, rememberQuietly } from './hook-memory';
import type { HookPolicy } from './hook-policy';
import { literalPattern } from './literal-pattern';
import { sessionContract } from './session-contract';
import { enclosingWorkingTree, findSessionWorktree, realPath, type SessionWorktree } from './session-worktree';
import { type AgentHookContext, reportSignal, resumeWork } from './status-report';
import { checkedVerdict, decideWrite, refusal, uncheckedWrite, type WriteDecision } from './write-decision';

export interface ClaudeHookContext extends AgentHookContext {
  /** Claude Code's project directory (CLAUDE_PROJECT_DIR): the worktree the hooks were installed in. */
  projectDir: string | undefined;
}

const AUTOCLAIM_REASON = 'leased by the agent’s first write (Claude Code hook)';

/**
 * The session the agent works for: the worktree Claude Code was started in, else the event's cwd.
 * The project directory comes first so that an agent that `cd`s into another session's worktree
 * still acts as itself.
 */
function findSession(event: { cwd: string }, projectDir: string | undefined): SessionWorktree | null {
  for (const place of [projectDir, event.cwd]) {
    if (!place) continue;
    const found = findSessionWorktree(place);
    if (found) return found;
  }
  return null;
}

type Place = { kind: 'inside'; repoPath: string } | { kind: 'other-tree'; what: string } | { kind: 'elsewhere' };

/** Where a written file lies: in the session's worktree, in another working tree of the same repository, or outside both. */
function placeOf(file: string, session: SessionWorktree): Place {
  const target = realPath(file);
  const fromRoot = relative(session.root, target);
  if (fromRoot && fromRoot !== '..' && !fromRoot.startsWith(`..${sep}`) && !isAbsolute(fromRoot)) {
    return { kind: 'inside', repoPath: fromRoot.split(sep).join('/') };
  }
  const tree = enclosingWorkingTree(target);
  if (!tree || tree.commonDir !== session.commonDir) return { kind: 'elsewhere' };
  if (tree.gitDir === tree.commonDir || realPath(tree.gitDir) === tree.commonDir) {
    return { kind: 'other-tree', what: `the repository's main checkout (${tree.root})` };
  }
  const owner = findSessionWorktree(tree.root);
  return {
    kind: 'other-tree',
    what: owner ? `session ${owner.credentials.session}'s worktree (${tree.root})` : `another worktree of this repository (${tree.root})`,
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof CoordinatorRefusal) return `${error.body.message}${error.body.hint ? ` ${error.body.hint}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/** Leases the file to the session on its first write; a lease someone took in between turns the write into a refusal. */
async function claimOnFirstWrite(
  link: CoordinatorLink,
  session: SessionWorktree,
  repoPath: string,
  memory: HookMemory,
  policy: HookPolicy,
): Promise<WriteDecision | null> {
  const pattern = literalPattern(repoPath);
  if (!policy.autoclaim || pattern === null || memory.claimed.includes(pattern)) return null;
  try {
    await link.call('claim', { session: session.credentials.session, patterns: [pattern], mode: 'write', reason: AUTOCLAIM_REASON });
    memory.claimed.push(pattern);
    return null;
  } catch (error) {
    if (error instanceof CoordinatorRefusal && error.body.code === 'refused') {
      return refusal(`Signalbox hard-collision: ${describeFailure(error)}`, policy);
    }
    // The check already cleared this write; the lease only makes it visible to others sooner.
    return null;
  }
}

async function answerWrite(
  event: Extract<ClaudeHookEvent, { kind: 'write' }>,
  session: SessionWorktree,
  context: ClaudeHookContext,
): Promise<string> {
  const { policy } = context;
  if (!event.filePath) return preToolUseReply(uncheckedWrite(`the ${event.tool} call names no file.`, policy));
  const place = placeOf(resolve(event.cwd || session.root, event.filePath), session);
  if (place.kind === 'elsewhere') return '';
  if (place.kind === 'other-tree') {
    return preToolUseReply(
      refusal(
        `Signalbox: ${event.filePath} is in ${place.what}, not in the worktree of session ${session.credentials.session} (${session.root}). ` +
          'Write only inside your own worktree; if the change belongs to another session, ask the lead to hand it over.',
        policy,
      ),
    );
  }
  const link = context.link(session.credentials);
  try {
    const verdict = checkedVerdict(await link.call('check', { session: session.credentials.session, paths: [place.repoPath], mode: 'write' }));
    let decision = decideWrite(verdict, policy);
    if (decision.kind === 'allow') {
      const memory = readHookMemory(session.gitDir, session.credentials.session);
      const remembered = JSON.stringify(memory);
      decision = (await claimOnFirstWrite(link, session, place.repoPath, memory, policy)) ?? decision;
      if (decision.kind === 'allow') await resumeWork(link, session, memory, 'write-allowed', context);
      // Most writes change nothing here; rewriting the file each time would cost more than the check.
      if (JSON.stringify(memory) !== remembered) rememberQuietly(session.gitDir, memory);
    }
    return preToolUseReply(decision);
  } catch (error) {
    return preToolUseReply(uncheckedWrite(describeFailure(error), policy));
  } finally {
    link.close();
  }
}

async function answerSessionStart(session: SessionWorktree, context: ClaudeHookContext): Promise<string> {
  const link = context.link(session.credentials);
  const id = session.credentials.session;
  try {
    const [detail, board] = await Promise.all([link.call('session.show', { id }), link.call('board', {})]);
    // A new agent run leases again what it writes: leases may have moved while no agent ran.
    rememberQuietly(session.gitDir, { ...readHookMemory(session.gitDir, id), claimed: [] });
    return sessionStartReply(sessionContract(detail, board, context.policy));
  } catch {
    return '';
  } finally {
    link.close();
  }
}

/**
 * After a tool ran: the agent is alive and past any prompt it waited on, so a block the hook set
 * for that prompt ends; its changed set and conflicts are re-read at once.
 */
async function toolFinished(session: SessionWorktree, context: ClaudeHookContext): Promise<void> {
  const link = context.link(session.credentials);
  try {
    const memory = readHookMemory(session.gitDir, session.credentials.session);
    const held = memory.status;
    await resumeWork(link, session, memory, 'tool-finished', context);
    if (memory.status !== held) rememberQuietly(session.gitDir, memory);
    await link.call('session.refresh', { session: session.credentials.session });
  } catch {
    // A missed heartbeat is harmless: the worktree watcher sees the change as well.
  } finally {
    link.close();
  }
}

/**
 * One Claude Code hook event in, what to print out. Never throws: a guarded write that cannot be
 * decided is refused; every other event answers nothing.
 */
export async function answerClaudeHook(event: ClaudeHookEvent, context: ClaudeHookContext): Promise<string> {
  try {
    if (event.kind === 'unknown' || event.kind === 'other-tool') return '';
    const session = findSession(event, context.projectDir);
    if (!session) return '';
    switch (event.kind) {
      case 'tool-done':
        await toolFinished(session, context);
        return '';
      case 'write':
        return await answerWrite(event, session, context);
      case 'notification':
        await reportSignal({ kind: 'prompt', notificationType: event.notificationType, message: event.message }, session, context);
        return '';
      case 'stop':
        await reportSignal({ kind: 'turn-ended' }, session, context);
        return '';
      case 'session-start':
        return await answerSessionStart(session, context);
    }
  } catch (error) {
    return event.kind === 'write' ? preToolUseReply(uncheckedWrite(describeFailure(error), context.policy)) : '';
  }
}
