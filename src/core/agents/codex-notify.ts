import { findSessionWorktree } from './session-worktree';
import type { SignalboxCommand } from './signalbox-command';
import { type AgentHookContext, reportSignal } from './status-report';

const CODEX_NOTIFY_ARGS = ['hook', 'codex'];

/**
 * Codex runs its `notify` program with one JSON argument appended, e.g.
 * {"type":"agent-turn-complete","thread-id":…,"turn-id":…,"cwd":…,"input-messages":[…],"last-assistant-message":…}.
 * Only a completed turn means anything to the board; its cwd says which worktree.
 */
function parseCodexNotification(argument: string | undefined): { cwd: string } | null {
  if (!argument) return null;
  try {
    const payload = JSON.parse(argument) as Record<string, unknown>;
    if (typeof payload !== 'object' || payload === null || payload.type !== 'agent-turn-complete') return null;
    return { cwd: typeof payload.cwd === 'string' ? payload.cwd : '' };
  } catch {
    return null;
  }
}

/** A finished Codex turn: the session is ready for the lead's review (or idle, per policy). Never throws. */
export async function answerCodexNotify(argument: string | undefined, fallbackCwd: string, context: AgentHookContext): Promise<void> {
  const turn = parseCodexNotification(argument);
  if (!turn) return;
  const session = (turn.cwd ? findSessionWorktree(turn.cwd) : null) ?? findSessionWorktree(fallbackCwd);
  if (session) await reportSignal({ kind: 'turn-ended' }, session, context);
}

function tomlString(value: string): string {
  // A JSON string is a valid TOML basic string: the same escapes, \uXXXX included.
  return JSON.stringify(value);
}

/** The line for ~/.codex/config.toml that makes Codex report its turns to this Signalbox. */
export function codexNotifyLine(command: SignalboxCommand): string {
  const argv = Object.keys(command.env).length
    ? ['/usr/bin/env', ...Object.entries(command.env).map(([k, v]) => `${k}=${v}`), ...command.argv]
    : command.argv;
  return `notify = [${[...argv, ...CODEX_NOTIFY_ARGS].map(tomlString).join(', ')}]`;
}
