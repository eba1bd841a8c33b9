import type { WriteDecision } from './write-decision';

/**
 * What the hook prints for Claude Code. A refusal is `permissionDecision: "deny"` (the reason goes
 * to the agent); a note is `additionalContext` alone, so Claude Code's own permission prompts still
 * apply — an "allow" would skip them.
 */
export function preToolUseReply(decision: WriteDecision): string {
  if (decision.kind === 'deny') {
    return JSON.stringify({
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: decision.reason },
    });
  }
  if (decision.note === null) return '';
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: decision.note } });
}

/** Text that enters the agent's context when its session starts, resumes or is compacted. */
export function sessionStartReply(context: string): string {
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: context } });
}
