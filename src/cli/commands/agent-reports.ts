import type { Command } from 'commander';
import { SESSION_STATUSES, type SessionStatus } from '../../shared/board';
import { CoordinatorClient, currentSession, type GlobalOptions, resolveContext } from '../client';
import { CliError } from '../exit-codes';
import { formatSession } from '../format';
import { print } from '../output';

/** What an agent reports about itself: status and checkpoints. */
export function registerAgentReportCommands(program: Command): void {
  program
    .command('status')
    .description('report a session status')
    .command('set <status>')
    .description(`one of ${SESSION_STATUSES.filter((s) => s !== 'completed').join(', ')}`)
    .option('--blocker <text>', 'what it waits on (with blocked or awaiting-approval)')
    .action(async (status: string, _options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { blocker?: string }>();
      if (!(SESSION_STATUSES as readonly string[]).includes(status)) {
        throw CliError.usage(`"${status}" is not a status.`, `Use one of: ${SESSION_STATUSES.join(', ')}.`);
      }
      const context = resolveContext(o);
      const session = await CoordinatorClient.connect(context).call('status.set', {
        session: currentSession(context),
        status: status as SessionStatus,
        ...(o.blocker ? { blocker: o.blocker } : {}),
      });
      print(o, session, formatSession);
    });

  program
    .command('checkpoint')
    .description('record a checkpoint of the current session (and a passing test run)')
    .option('--note <text>', 'what state the work is in')
    .option('--tests <result>', 'pass | fail')
    .option('--test-command <cmd>', 'the command that ran the tests')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { note?: string; tests?: string; testCommand?: string }>();
      if (o.tests !== undefined && o.tests !== 'pass' && o.tests !== 'fail') {
        throw CliError.usage(`--tests takes pass or fail, not "${o.tests}".`);
      }
      const context = resolveContext(o);
      const session = await CoordinatorClient.connect(context).call('checkpoint', {
        session: currentSession(context),
        ...(o.note ? { note: o.note } : {}),
        ...(o.tests ? { tests: o.tests as 'pass' | 'fail' } : {}),
        ...(o.testCommand ? { testCommand: o.testCommand } : {}),
      });
      print(o, session, formatSession);
    });
}
