import { resolve } from 'node:path';
import type { Command } from 'commander';
import { guardCommit } from '../../core/agents/commit-guard';
import { installCommitGuard } from '../../core/agents/commit-guard-install';
import { linkAsSession } from '../../core/agents/coordinator-link';
import { readHookPolicy } from '../../core/agents/hook-policy';
import { findSessionWorktree } from '../../core/agents/session-worktree';
import { signalboxCommand } from '../../core/agents/signalbox-command';
import type { GlobalOptions } from '../client';
import { CliError, EXIT } from '../exit-codes';
import { print } from '../output';

/** The coordinator's answer must come well before anyone gives up on `git commit`. */
const GUARD_DEADLINE_MS = 10_000;

export function registerGuardCommands(program: Command): void {
  const guard = program.command('guard').description('the git commit guard of session worktrees');

  guard
    .command('pre-commit')
    .description('body of the git pre-commit hook: refuses a commit that touches another session’s write lease or a forbidden path')
    .action(async () => {
      const outcome = await guardCommit(process.cwd(), process.env.GIT_INDEX_FILE, readHookPolicy(process.env), (credentials) =>
        linkAsSession(credentials, Date.now() + GUARD_DEADLINE_MS),
      );
      if (outcome.kind === 'pass') {
        if (outcome.note) process.stderr.write(`${outcome.note}\n`);
        return;
      }
      process.stderr.write(`${outcome.reason}\n`);
      process.exitCode = outcome.kind === 'refuse' ? EXIT.refused : EXIT.unexpected;
    });

  guard
    .command('install')
    .description('install the commit guard into a session worktree (session new does it for every new session)')
    .option('--worktree <path>', 'the session worktree (default: the current directory)')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { worktree?: string }>();
      const session = findSessionWorktree(resolve(o.worktree ?? process.cwd()));
      if (!session) throw CliError.usage(`${o.worktree ?? process.cwd()} is not a Signalbox session worktree.`);
      await installCommitGuard(session.root, session.gitDir, signalboxCommand());
      print(o, { worktree: session.root, session: session.credentials.session }, (r) => `Installed the commit guard of session ${r.session} in ${r.worktree}.`);
    });
}
