import type { SessionDetail } from '../../shared/api';
import type { Board, Lease, Session } from '../../shared/board';
import type { HookPolicy } from './hook-policy';

const MAX_OTHER_LEASES = 30;

function leaseLine(lease: Lease, holder: Session | undefined): string {
  const who = holder ? `session ${holder.id} "${holder.title}" (owner ${holder.owner})` : `session ${lease.session}`;
  const until = lease.expiresAt ? ` until ${lease.expiresAt}` : '';
  return `  - ${lease.mode} ${lease.pattern} — ${who}${until}${lease.reason ? `: ${lease.reason}` : ''}`;
}

/**
 * The session's contract as the agent should read it when it starts: what it is for, where it may
 * write, and what other sessions on the same repository hold right now.
 */
export function sessionContract(detail: SessionDetail, board: Board, policy: HookPolicy): string {
  const session = detail.session;
  const lines = [
    `Signalbox session ${session.id} "${session.title}" (owner ${session.owner}), branch ${session.branch}, worktree ${session.worktree}.`,
    'Other agents work on this repository in parallel; Signalbox checks every file write so that nobody overwrites anybody.',
  ];
  if (session.objective) lines.push(`Objective: ${session.objective}`);
  if (session.scope.length) {
    const outside = policy.strictScope ? 'refused' : 'flagged to you and the lead';
    lines.push(`Scope: ${session.scope.join(', ')} — stay inside it; writes outside are ${outside}.`);
  } else {
    lines.push('Scope: the whole repository.');
  }
  if (session.forbidden.length) lines.push(`Forbidden: ${session.forbidden.join(', ')} — writes there are refused.`);

  if (detail.leases.length) {
    lines.push(`Your leases: ${detail.leases.map((l) => `${l.mode} ${l.pattern}`).join(', ')}.`);
  } else if (policy.autoclaim) {
    lines.push('You hold no leases yet; your first write to a file leases it to this session.');
  }

  const sessions = new Map(board.sessions.map((s) => [s.id, s]));
  const others = board.leases
    .filter((lease) => {
      const holder = sessions.get(lease.session);
      return lease.session !== session.id && holder !== undefined && holder.repo === session.repo && !holder.endedAt;
    })
    .sort((a, b) => (a.mode === b.mode ? a.fence - b.fence : a.mode === 'write' ? -1 : 1));
  if (others.length) {
    lines.push('Held by other sessions — do not edit these; ask the lead for a hand-off (`signalbox reassign`) or work elsewhere:');
    for (const lease of others.slice(0, MAX_OTHER_LEASES)) lines.push(leaseLine(lease, sessions.get(lease.session)));
    if (others.length > MAX_OTHER_LEASES) lines.push(`  … and ${others.length - MAX_OTHER_LEASES} more (\`signalbox board\`).`);
  } else {
    lines.push('No other session holds a lease on this repository right now.');
  }

  if (session.status !== 'active') {
    lines.push(`Status: ${session.status}${session.blocker ? ` — ${session.blocker.text}` : ''}.`);
  }
  for (const approval of detail.approvals.filter((a) => a.state === 'pending')) {
    lines.push(`Waiting for approval ${approval.id} (tier ${approval.tier}): ${approval.action}.`);
  }
  for (const conflict of detail.conflicts) {
    lines.push(`Open ${conflict.kind} with ${conflict.sessions.filter((s) => s !== session.id).join(', ')}: ${conflict.nextAction}`);
  }
  lines.push(
    'A write Signalbox refuses is denied before it happens, with the reason. Lease paths ahead with `signalbox claim GLOB`, ' +
      'report a blocker with `signalbox status set blocked --blocker TEXT`, record progress with `signalbox checkpoint --note TEXT`.',
  );
  return lines.join('\n');
}
