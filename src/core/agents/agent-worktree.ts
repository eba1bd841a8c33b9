import type { AgentKind } from '../../shared/board';
import { installClaudeHooks } from './claude-settings';
import { installCommitGuard } from './commit-guard-install';
import { signalboxCommand } from './signalbox-command';

/**
 * Readies a new session's worktree for its agent: the commit guard for every agent, Claude Code's
 * hooks for a Claude Code session. Both call back into the Signalbox that created the session.
 */
export async function prepareAgentWorktree(worktree: string, worktreeGitDir: string, agent: AgentKind): Promise<void> {
  const command = signalboxCommand();
  await installCommitGuard(worktree, worktreeGitDir, command);
  if (agent === 'claude-code') await installClaudeHooks(worktree, command);
}
