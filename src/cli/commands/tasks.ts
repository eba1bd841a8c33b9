import type { Command } from 'commander';
import type { TaskFields } from '../../shared/api';
import { TASK_STATUSES, type Task, type TaskStatus } from '../../shared/board';
import { CoordinatorClient, type GlobalOptions, resolveContext } from '../client';
import { CliError } from '../exit-codes';
import { table } from '../format';
import { collect, integer, print } from '../output';

function formatTasks(list: Task[]): string {
  if (!list.length) return 'No tasks. Add one with `signalbox task new --title "…"`.';
  return table([
    ['TASK', 'STATUS', 'SESSION', 'BLOCKED BY', 'TITLE'],
    ...list.map((t) => [t.id, t.status, t.session ?? '—', t.blockedBy.join(',') || '—', t.title]),
  ]);
}

export function formatTask(task: Task): string {
  const lines = [`${task.id}  ${task.title}`, `  status      ${task.status}`, `  session     ${task.session ?? '—'}`];
  if (task.objective) lines.push(`  objective   ${task.objective}`);
  if (task.blockedBy.length) lines.push(`  blocked by  ${task.blockedBy.join(' ')}`);
  lines.push(`  version     ${task.version}`);
  return lines.join('\n');
}

function status(value: string): TaskStatus {
  if ((TASK_STATUSES as readonly string[]).includes(value)) return value as TaskStatus;
  throw CliError.usage(`--status takes ${TASK_STATUSES.join(', ')}, not "${value}".`);
}

/** `signalbox reassign --task ID --to SESSION`: the task half of the reassign command. */
export async function reassignTaskCommand(
  o: GlobalOptions & { task: string; to: string; confirm?: boolean; expectVersion?: number },
): Promise<void> {
  const context = resolveContext(o);
  const moved = await CoordinatorClient.connect(context).call('task.reassign', {
    id: o.task,
    to: o.to,
    confirm: o.confirm ?? false,
    ...(o.expectVersion !== undefined ? { expectVersion: o.expectVersion } : {}),
  });
  print(o, moved, (t) => `Moved task ${t.id} to ${t.session}.`);
}

export function registerTaskCommands(program: Command): void {
  const task = program.command('task').description('the work items sessions own, and what blocks them');

  task
    .command('new')
    .description('add a task, for the current session (inside its worktree), --session ID, or no one yet')
    .requiredOption('--title <title>', 'what has to be done')
    .option('--objective <text>', 'the outcome that makes it done')
    .option('--blocked-by <task>', 'a task that must be done first (repeatable)', collect, [])
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { title: string; objective?: string; blockedBy: string[] }>();
      const context = resolveContext(o);
      const session = context.explicitSession ?? context.worktree?.session;
      const created = await CoordinatorClient.connect(context).call('task.new', {
        title: o.title,
        ...(o.objective !== undefined ? { objective: o.objective } : {}),
        ...(session ? { session } : {}),
        ...(o.blockedBy.length ? { blockedBy: o.blockedBy } : {}),
      });
      print(o, created, formatTask);
    });

  task
    .command('list')
    .description('every task, or only those of --session ID')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions>();
      const context = resolveContext(o);
      const input = context.explicitSession ? { session: context.explicitSession } : {};
      print(o, await CoordinatorClient.connect(context).call('task.list', input), formatTasks);
    });

  task
    .command('update <id>')
    .description('change a task; refused if someone changed it since you read it')
    .requiredOption('--expect-version <n>', 'the version you read (see `task list --json`)', integer)
    .option('--title <title>')
    .option('--objective <text>')
    .option('--status <status>', TASK_STATUSES.join(' | '))
    .option('--blocked-by <task>', 'replaces the blockers (repeatable)', collect)
    .option('--clear-blocked-by', 'blocked by nothing any more')
    .action(async (id: string, _options, command: Command) => {
      const o = command.optsWithGlobals<
        GlobalOptions & { expectVersion: number; title?: string; objective?: string; status?: string; blockedBy?: string[]; clearBlockedBy?: boolean }
      >();
      if (o.clearBlockedBy && o.blockedBy) throw CliError.usage('Pass --blocked-by or --clear-blocked-by, not both.');
      const fields: TaskFields = {
        ...(o.title !== undefined ? { title: o.title } : {}),
        ...(o.objective !== undefined ? { objective: o.objective } : {}),
        ...(o.status !== undefined ? { status: status(o.status) } : {}),
        ...(o.blockedBy !== undefined ? { blockedBy: o.blockedBy } : {}),
        ...(o.clearBlockedBy ? { blockedBy: [] } : {}),
      };
      if (!Object.keys(fields).length) throw CliError.usage('Name at least one field to change.');
      const updated = await CoordinatorClient.connect(resolveContext(o)).call('task.update', { id, expectVersion: o.expectVersion, fields });
      print(o, updated, formatTask);
    });
}
