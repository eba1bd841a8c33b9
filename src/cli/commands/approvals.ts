import type { Command } from 'commander';
import type { Approval } from '../../shared/board';
import { CoordinatorClient, currentSession, type GlobalOptions, resolveContext } from '../client';
import { CliError } from '../exit-codes';
import { table } from '../format';
import { integer, print } from '../output';

function formatApprovals(approvals: Approval[]): string {
  if (!approvals.length) return 'No approvals.';
  return table([
    ['APPROVAL', 'SESSION', 'TIER', 'STATE', 'ACTION'],
    ...approvals.map((a) => [a.id, a.session, String(a.tier), a.state, a.action]),
  ]);
}

const formatOne = (a: Approval) => `${a.id} ${a.state}: tier ${a.tier} ${a.action} (session ${a.session})`;

export function registerApprovalCommands(program: Command): void {
  const approval = program.command('approval').description('tier-2 and tier-3 requests and decisions');

  approval
    .command('request')
    .description('ask before acting: tier 2 (owner review) or tier 3 (the lead)')
    .requiredOption('--tier <n>', '2 or 3', integer)
    .requiredOption('--action <text>', 'what the session wants to do')
    .option('--detail <text>', 'what the decider should know')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { tier: number; action: string; detail?: string }>();
      if (o.tier !== 2 && o.tier !== 3) throw CliError.usage(`--tier takes 2 or 3, not ${o.tier}.`);
      const context = resolveContext(o);
      const requested = await CoordinatorClient.connect(context).call('approval.request', {
        session: currentSession(context),
        tier: o.tier,
        action: o.action,
        ...(o.detail ? { detail: o.detail } : {}),
      });
      print(o, requested, formatOne);
    });

  approval
    .command('list')
    .option('--pending', 'only those waiting for a decision')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { pending?: boolean }>();
      const context = resolveContext(o);
      const list = await CoordinatorClient.connect(context).call('approval.list', {
        ...(context.explicitSession ? { session: context.explicitSession } : {}),
        ...(o.pending ? { state: 'pending' as const } : {}),
      });
      print(o, list, formatApprovals);
    });

  for (const decision of ['approve', 'deny'] as const) {
    approval
      .command(`${decision} <id>`)
      .option('--why <text>', 'the reason, kept in the audit log')
      .action(async (id: string, _options, command: Command) => {
        const o = command.optsWithGlobals<GlobalOptions & { why?: string }>();
        const decided = await CoordinatorClient.connect(resolveContext(o)).call('approval.decide', {
          id,
          decision,
          ...(o.why ? { why: o.why } : {}),
        });
        print(o, decided, formatOne);
      });
  }
}
