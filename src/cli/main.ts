import { Command, CommanderError } from 'commander';
import { BoardError } from '../core/board/errors';
import { ApiError } from '../shared/api';
import { registerAgentReportCommands } from './commands/agent-reports';
import { registerApprovalCommands } from './commands/approvals';
import { registerBoardCommands } from './commands/board';
import { registerGuardCommands } from './commands/guard';
import { registerHookCommands } from './commands/hook';
import { registerLeaseCommands } from './commands/leases';
import { registerMcpCommands } from './commands/mcp';
import { registerServeCommands } from './commands/serve';
import { registerSessionCommands } from './commands/session';
import { registerTaskCommands } from './commands/tasks';
import { CliError, EXIT } from './exit-codes';

function fail(error: unknown, json: boolean): never {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT.usage);
  const cli =
    error instanceof CliError
      ? error
      : error instanceof ApiError
        ? CliError.fromApi(error.body)
        : error instanceof BoardError
          ? CliError.fromApi({ code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) })
          : new CliError(EXIT.unexpected, { code: 'internal', message: error instanceof Error ? error.message : String(error) });
  if (json) process.stdout.write(`${JSON.stringify({ error: cli.body })}\n`);
  process.stderr.write(`signalbox: ${cli.body.message}\n${cli.body.hint ? `  ${cli.body.hint}\n` : ''}`);
  process.exit(cli.exitCode);
}

const program = new Command('signalbox')
  .description('Signalbox: interlocking for parallel coding-agent sessions on one git repository')
  .option('--data <dir>', 'data directory (else SIGNALBOX_HOME, else the OS app-data folder)')
  .option('--json', 'print records as JSON')
  .option('--session <id>', 'act on this session (else the one whose worktree you are in)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'signalbox: ')) });

registerServeCommands(program);
registerBoardCommands(program);
registerSessionCommands(program);
registerAgentReportCommands(program);
registerLeaseCommands(program);
registerTaskCommands(program);
registerApprovalCommands(program);
registerHookCommands(program);
registerMcpCommands(program);
registerGuardCommands(program);
program.commands.forEach(function exitOverride(command: Command) {
  command.exitOverride();
  command.commands.forEach(exitOverride);
});

const json = process.argv.includes('--json');
program.parseAsync(process.argv).catch((error: unknown) => fail(error, json));
