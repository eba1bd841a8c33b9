import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CLAUDE_HOOK_ARGS, ClaudeSettingsError, installClaudeHooks } from '../../core/agents/claude-settings';
import { codexNotifyLine } from '../../core/agents/codex-notify';
import { enclosingWorkingTree, findSessionWorktree } from '../../core/agents/session-worktree';
import { shellCommand, signalboxCommand } from '../../core/agents/signalbox-command';
import { runClaudeCodeHook, runCodexHook } from '../agents/run-agent-hook';
import type { GlobalOptions } from '../client';
import { CliError } from '../exit-codes';
import { print } from '../output';

async function installClaudeCode(worktree: string, options: GlobalOptions): Promise<void> {
  if (!enclosingWorkingTree(worktree)) throw CliError.usage(`${worktree} is not inside a git working tree.`, 'Pass the session worktree with --worktree PATH.');
  const command = signalboxCommand();
  let settings: string;
  try {
    settings = await installClaudeHooks(worktree, command);
  } catch (error) {
    if (error instanceof ClaudeSettingsError) throw CliError.usage(error.message);
    throw error;
  }
  const session = findSessionWorktree(worktree)?.credentials.session ?? null;
  print(options, { settings, session, command: shellCommand(command, CLAUDE_HOOK_ARGS) }, (r) =>
    [
      `Installed the Signalbox hooks in ${r.settings} (kept out of git by info/exclude).`,
      r.session
        ? `They act for session ${r.session}.`
        : `${worktree} is not a Signalbox session worktree: the hooks do nothing here until a session owns it.`,
    ].join('\n'),
  );
}

export function registerHookCommands(program: Command): void {
  const hook = program.command('hook').description('agent integrations: an agent event in, a decision out');

  hook
    .command('claude-code')
    .description('one Claude Code hook event on stdin → decision on stdout (always exits 0)')
    .action(() => runClaudeCodeHook());

  hook
    .command('codex [payload]')
    .description('the `notify` program of Codex: a finished turn marks the session review-ready')
    .action((payload: string | undefined) => runCodexHook(payload));

  hook
    .command('install <agent>')
    .description('claude-code: write the hooks into a worktree’s .claude/settings.local.json; codex: print the notify line for ~/.codex/config.toml')
    .option('--worktree <path>', 'the worktree to install into (default: the current directory)')
    .action(async (agent: string, _options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { worktree?: string }>();
      if (agent === 'claude-code') await installClaudeCode(resolve(o.worktree ?? process.cwd()), o);
      else if (agent === 'codex') {
        const line = codexNotifyLine(signalboxCommand());
        print(o, { config: '~/.codex/config.toml', line }, (r) => r.line);
      } else {
        throw CliError.usage(`Hooks can be installed for claude-code or codex, not "${agent}".`);
      }
    });
}
