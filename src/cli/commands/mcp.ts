import type { Command } from 'commander';
import { CoordinatorClient, currentSession, type GlobalOptions, resolveContext } from '../client';

export function registerMcpCommands(program: Command): void {
  program
    .command('mcp')
    .description('MCP server on stdio for the current session: claim, release, check, set_status, checkpoint, request_approval, board')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions>();
      const context = resolveContext(o);
      const session = currentSession(context);
      const client = CoordinatorClient.connect(context);
      // Loaded here, not at the top: the MCP SDK is for this command alone.
      const { serveMcp } = await import('./mcp-server');
      await serveMcp(client, session);
    });
}
