import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CoordinatorClient, type GlobalOptions, resolveContext } from '../client';
import { formatBoard, formatRepo } from '../format';
import { print } from '../output';

export function registerBoardCommands(program: Command): void {
  const repo = program.command('repo').description('repositories the sessions work on');
  repo
    .command('add <path>')
    .description('register a git repository (its protected branch is detected: main or master)')
    .option('--protected <branch>', 'the branch merges go to')
    .option('--gate <command>', 'the command that must pass before a merge (tests)')
    .option('--worktree-root <dir>', 'where session worktrees go (default: a sibling folder)')
    .action(async (path: string, _options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { protected?: string; gate?: string; worktreeRoot?: string }>();
      // Paths are the caller's, relative to where they stand; the coordinator runs elsewhere.
      const added = await CoordinatorClient.connect(resolveContext(o)).call('repo.add', {
        path: resolve(path),
        ...(o.protected ? { protectedBranch: o.protected } : {}),
        ...(o.gate ? { gate: o.gate } : {}),
        ...(o.worktreeRoot ? { worktreeRoot: resolve(o.worktreeRoot) } : {}),
      });
      print(o, added, formatRepo);
    });
  repo
    .command('list')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions>();
      const repos = await CoordinatorClient.connect(resolveContext(o)).call('repo.list', {});
      print(o, repos, (list) => (list.length ? list.map(formatRepo).join('\n') : 'No repositories yet.'));
    });

  program
    .command('board')
    .description('the whole board')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions>();
      print(o, await CoordinatorClient.connect(resolveContext(o)).call('board', {}), formatBoard);
    });
}
