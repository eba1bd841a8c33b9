import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AgentKind } from '../../shared/board';
import type { SessionFields } from '../../shared/api';
import { CoordinatorClient, currentSession, type GlobalOptions, resolveContext } from '../client';
import { formatDetail, formatSession, formatSessions } from '../format';
import { collect, integer, print } from '../output';

interface NewOptions extends GlobalOptions {
  repo: string;
  title: string;
  owner?: string;
  agent?: AgentKind;
  objective?: string;
  scope: string[];
  forbid: string[];
  base?: string;
  branch?: string;
  cadence?: number;
  escalate?: string;
  priority?: number;
}

interface UpdateOptions extends GlobalOptions {
  expectVersion: number;
  title?: string;
  owner?: string;
  objective?: string;
  scope?: string[];
  forbid?: string[];
  escalate?: string;
  cadence?: number;
  priority?: number;
}

/** `--repo` is a registered repository's id (as `repo list` shows it) or a path relative to the caller. */
function repoArgument(value: string): string {
  return /^r\d+$/.test(value) && !existsSync(value) ? value : resolve(value);
}

function client(options: GlobalOptions): CoordinatorClient {
  return CoordinatorClient.connect(resolveContext(options));
}

export function registerSessionCommands(program: Command): void {
  const session = program.command('session').description('start, inspect, steer and end sessions');

  session
    .command('new')
    .description('create a session: its own branch and git worktree from a base, and its execution record')
    .requiredOption('--repo <path>', 'the repository, or its id (registered automatically if new)')
    .requiredOption('--title <title>', 'what the session is for')
    .option('--owner <name>', 'who answers for it')
    .option('--agent <kind>', 'claude-code | codex | other')
    .option('--objective <text>', 'the outcome it should reach')
    .option('--scope <glob>', 'where it may work (repeatable)', collect, [])
    .option('--forbid <glob>', 'where it must not write (repeatable)', collect, [])
    .option('--base <ref>', 'base ref (default: the protected branch)')
    .option('--branch <name>', 'branch to create (default: signalbox/<id>-<title>)')
    .option('--cadence <minutes>', 'checkpoint every N minutes, else flagged silent', integer)
    .option('--escalate <name>', 'who resolves what it cannot')
    .option('--priority <n>', 'higher runs first', integer)
    .action(async (_args, command: Command) => {
      const o = command.optsWithGlobals<NewOptions>();
      const created = await client(o).call('session.new', {
        repo: repoArgument(o.repo),
        title: o.title,
        ...(o.owner ? { owner: o.owner } : {}),
        ...(o.agent ? { agent: o.agent } : {}),
        ...(o.objective ? { objective: o.objective } : {}),
        scope: o.scope,
        forbidden: o.forbid,
        ...(o.base ? { base: o.base } : {}),
        ...(o.branch ? { branch: o.branch } : {}),
        ...(o.cadence !== undefined ? { cadenceMinutes: o.cadence } : {}),
        ...(o.escalate ? { escalation: o.escalate } : {}),
        ...(o.priority !== undefined ? { priority: o.priority } : {}),
      });
      print(o, created, (s) => `${formatSession(s)}\n\nWork in it:  cd "${s.worktree}"`);
    });

  session
    .command('list')
    .description('the live sessions (with --all, ended ones too)')
    .option('--all', 'include ended sessions')
    .action(async (_args, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { all?: boolean }>();
      print(o, await client(o).call('session.list', { includeEnded: o.all ?? false }), formatSessions);
    });

  session
    .command('show [id]')
    .description('one session: its record, leases, conflicts, approvals')
    .action(async (id: string | undefined, _options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions>();
      const context = resolveContext(o);
      const detail = await CoordinatorClient.connect(context).call('session.show', { id: id ?? currentSession(context) });
      print(o, detail, formatDetail);
    });

  session
    .command('update <id>')
    .description('change the execution record; refused if someone changed it since you read it')
    .requiredOption('--expect-version <n>', 'the version you read (see `session show`)', integer)
    .option('--title <title>')
    .option('--owner <name>')
    .option('--objective <text>')
    .option('--scope <glob>', 'replaces the scope (repeatable)', collect)
    .option('--forbid <glob>', 'replaces the forbidden globs (repeatable)', collect)
    .option('--escalate <name>')
    .option('--cadence <minutes>', '', integer)
    .option('--priority <n>', '', integer)
    .action(async (id: string, _options, command: Command) => {
      const o = command.optsWithGlobals<UpdateOptions>();
      const fields: SessionFields = {
        ...(o.title !== undefined ? { title: o.title } : {}),
        ...(o.owner !== undefined ? { owner: o.owner } : {}),
        ...(o.objective !== undefined ? { objective: o.objective } : {}),
        ...(o.scope !== undefined ? { scope: o.scope } : {}),
        ...(o.forbid !== undefined ? { forbidden: o.forbid } : {}),
        ...(o.escalate !== undefined ? { escalation: o.escalate } : {}),
        ...(o.cadence !== undefined ? { cadenceMinutes: o.cadence } : {}),
        ...(o.priority !== undefined ? { priority: o.priority } : {}),
      };
      print(o, await client(o).call('session.update', { id, expectVersion: o.expectVersion, fields }), formatSession);
    });

  for (const [name, op, text] of [
    ['pause', 'session.pause', 'pause a session (its agent is told to stop)'],
    ['resume', 'session.resume', 'resume a paused session'],
  ] as const) {
    session
      .command(`${name} <id>`)
      .description(text)
      .option('--expect-version <n>', 'refuse if the session changed since this version', integer)
      .action(async (id: string, _options, command: Command) => {
        const o = command.optsWithGlobals<GlobalOptions & { expectVersion?: number }>();
        const input = { id, ...(o.expectVersion !== undefined ? { expectVersion: o.expectVersion } : {}) };
        print(o, await client(o).call(op, input), formatSession);
      });
  }

  session
    .command('end <id>')
    .description('end a session; its worktree stays unless --remove-worktree')
    .option('--preserve-diff', 'write all its work (committed, uncommitted, untracked) to a patch file first')
    .option('--remove-worktree', 'remove the worktree (refused if it holds work, unless preserved or forced)')
    .option('--force', 'remove even with uncommitted or unmerged work, discarding it')
    .action(async (id: string, _options, command: Command) => {
      const o = command.optsWithGlobals<
        GlobalOptions & { preserveDiff?: boolean; removeWorktree?: boolean; force?: boolean }
      >();
      const result = await client(o).call('session.end', {
        id,
        preserveDiff: o.preserveDiff ?? false,
        removeWorktree: o.removeWorktree ?? false,
        force: o.force ?? false,
      });
      print(o, result, (r) =>
        [
          `Session ${r.session.id} ended.`,
          r.patchPath ? `Its work is preserved in ${r.patchPath}` : '',
          r.worktreeRemoved ? 'Worktree removed (the branch is kept).' : `Worktree kept at ${r.session.worktree}`,
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });
}
