import type { Command } from 'commander';
import { checkedVerdict } from '../../core/agents/write-decision';
import type { CheckVerdict, Conflict, Lease, LeaseMode } from '../../shared/board';
import { CoordinatorClient, currentSession, type GlobalOptions, resolveContext } from '../client';
import { CliError, EXIT } from '../exit-codes';
import { table } from '../format';
import { integer, print } from '../output';
import { reassignTaskCommand } from './tasks';

function mode(value: string | undefined): LeaseMode {
  if (value === undefined || value === 'write' || value === 'read') return value ?? 'write';
  throw CliError.usage(`--mode takes write or read, not "${value}".`);
}

function formatLeases(leases: Lease[]): string {
  if (!leases.length) return 'No leases.';
  return table([
    ['LEASE', 'MODE', 'PATTERN', 'FENCE', 'EXPIRES'],
    ...leases.map((l) => [l.id, l.mode, l.pattern, String(l.fence), l.expiresAt ?? '—']),
  ]);
}

function formatVerdict(verdict: CheckVerdict): string {
  return `${verdict.verdict}: ${verdict.reason}\nnext: ${verdict.nextAction}`;
}

function formatConflicts(conflicts: Conflict[]): string {
  if (!conflicts.length) return 'No open conflicts.';
  return table([
    ['CONFLICT', 'KIND', 'SESSIONS', 'PATHS', 'NEXT ACTION', 'RESOLVER', 'STATE'],
    ...conflicts.map((c) => [
      c.id,
      c.kind,
      c.sessions.join(','),
      c.paths.length > 3 ? `${c.paths.slice(0, 3).join(' ')} +${c.paths.length - 3}` : c.paths.join(' '),
      c.nextAction,
      c.resolver,
      c.state,
    ]),
  ]);
}

export function registerLeaseCommands(program: Command): void {
  program
    .command('claim <glob...>')
    .description('lease paths for the current session: all granted, or none')
    .option('--mode <mode>', 'write (exclusive) or read (shared)', 'write')
    .option('--ttl <duration>', 'expires after e.g. 30m, 2h')
    .option('--reason <text>', 'why, shown to whoever runs into it')
    .action(async (globs: string[], _options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { mode?: string; ttl?: string; reason?: string }>();
      const context = resolveContext(o);
      const result = await CoordinatorClient.connect(context).call('claim', {
        session: currentSession(context),
        patterns: globs,
        mode: mode(o.mode),
        ...(o.ttl ? { ttl: o.ttl } : {}),
        ...(o.reason ? { reason: o.reason } : {}),
      });
      print(o, result, (r) => [formatLeases(r.leases), ...r.warnings.map((w) => `warning: ${w}`)].join('\n'));
    });

  program
    .command('release [glob...]')
    .description('give leases back')
    .option('--all', 'release every lease of the session')
    .action(async (globs: string[], _options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { all?: boolean }>();
      if (!o.all && !globs.length) throw CliError.usage('Name the globs to release, or pass --all.');
      const context = resolveContext(o);
      const released = await CoordinatorClient.connect(context).call('release', {
        session: currentSession(context),
        ...(o.all ? { all: true } : { patterns: globs }),
      });
      print(o, released, (r) => (r.length ? `Released ${r.map((l) => l.pattern).join(', ')}.` : 'Nothing to release.'));
    });

  program
    .command('check <path...>')
    .description('may the current session touch these paths? clear | soft-overlap | hard-collision | forbidden | out-of-scope')
    .option('--mode <mode>', 'write or read', 'write')
    .action(async (paths: string[], _options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { mode?: string }>();
      const context = resolveContext(o);
      const verdict = checkedVerdict(
        await CoordinatorClient.connect(context).call('check', {
          session: currentSession(context),
          paths: paths.map((p) => (p.startsWith('/') ? p : `${process.cwd()}/${p}`)),
          mode: mode(o.mode),
        }),
      );
      print(o, verdict, formatVerdict);
      if (verdict.verdict === 'hard-collision' || verdict.verdict === 'forbidden') process.exitCode = EXIT.refused;
    });

  program
    .command('conflicts')
    .description('open conflicts: kind, sessions, paths, next action, resolver')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions>();
      const context = resolveContext(o);
      const input = context.explicitSession ? { session: context.explicitSession } : {};
      print(o, await CoordinatorClient.connect(context).call('conflicts', input), formatConflicts);
    });

  program
    .command('reassign')
    .description('hand the leases on a glob, or a task, to another session (the lead)')
    .option('--paths <glob>', 'the leased pattern to move')
    .option('--task <id>', 'the task to move')
    .requiredOption('--to <session>', 'the session that takes it')
    .option('--confirm', 'confirm a tier-3 override of a live write lease or task')
    .option('--expect-version <n>', 'refuse if the task, or the one lease on the glob, changed since this version (see `board --json`)', integer)
    .option('--expect-lease <id>', 'refuse unless the lease on the glob is still this one, not released and claimed again (see `board --json`)')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<
        GlobalOptions & { paths?: string; task?: string; to: string; confirm?: boolean; expectVersion?: number; expectLease?: string }
      >();
      const { paths, task } = o;
      if (!paths === !task) throw CliError.usage('Name what to move: --paths GLOB or --task ID, one of them.');
      if (task) {
        if (o.expectLease !== undefined) throw CliError.usage('--expect-lease names a lease: use it with --paths, not --task.');
        return reassignTaskCommand({ ...o, task });
      }
      if (!paths) throw CliError.usage('Name the leased pattern to move: --paths GLOB.');
      const moved = await CoordinatorClient.connect(resolveContext({ ...o, session: undefined })).call('reassign', {
        pattern: paths,
        to: o.to,
        confirm: o.confirm ?? false,
        ...(o.expectLease !== undefined ? { expectLease: o.expectLease } : {}),
        ...(o.expectVersion !== undefined ? { expectVersion: o.expectVersion } : {}),
      });
      print(o, moved, (m) => `Moved ${m.map((l) => l.pattern).join(', ')} to ${o.to}.`);
    });
}
