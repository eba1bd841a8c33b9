import type { Board, Lease, Repo, Session } from '../shared/board';
import type { SessionDetail } from '../shared/api';

/** Human-readable output; --json prints the records themselves. */

function age(iso: string | null, now = Date.now()): string {
  if (!iso) return '—';
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours}h ago` : `${Math.round(hours / 24)}d ago`;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

function statusText(session: Session): string {
  return [session.status, ...session.flags].join(',');
}

/** Until when a lease holds, in the lead's words. */
function expiry(lease: Lease, now = Date.now()): string {
  if (!lease.expiresAt) return 'until released';
  const minutes = Math.round((Date.parse(lease.expiresAt) - now) / 60_000);
  return minutes < 1 ? 'expiring' : minutes < 120 ? `${minutes}m left` : `${Math.round(minutes / 60)}h left`;
}

/** Changed files and audit events listed before the rest are only counted: `--json` has them all. */
const CHANGED_SHOWN = 20;
const EVENTS_SHOWN = 10;

export function formatSessions(sessions: Session[]): string {
  if (!sessions.length) return 'No sessions. Start one with `signalbox session new --repo PATH --title "…"`.';
  return table([
    ['ID', 'STATUS', 'OWNER', 'TITLE', 'BRANCH', 'CHECKPOINT'],
    ...sessions.map((s) => [s.id, statusText(s), s.owner, s.title, s.branch, age(s.lastCheckpoint?.at ?? null)]),
  ]);
}

export function formatSession(session: Session): string {
  const lines = [
    `${session.id}  ${session.title}`,
    `  status      ${statusText(session)}${session.blocker ? ` — ${session.blocker.text} (since ${session.blocker.since})` : ''}`,
    `  owner       ${session.owner} (${session.agent})`,
    `  worktree    ${session.worktree}`,
    `  branch      ${session.branch} from ${session.baseCommit.slice(0, 10)}${(session.baseBehind ?? 0) > 0 ? ` (the protected branch is ${session.baseBehind} commit${session.baseBehind === 1 ? '' : 's'} past it)` : ''}`,
  ];
  if (session.objective) lines.push(`  objective   ${session.objective}`);
  if (session.scope.length) lines.push(`  scope       ${session.scope.join(' ')}`);
  if (session.forbidden.length) lines.push(`  forbidden   ${session.forbidden.join(' ')}`);
  if (session.escalation) lines.push(`  escalation  ${session.escalation}`);
  if (session.cadenceMinutes) lines.push(`  cadence     every ${session.cadenceMinutes} min`);
  lines.push(
    `  checkpoint  ${session.lastCheckpoint ? `${age(session.lastCheckpoint.at)}${session.lastCheckpoint.note ? ` — ${session.lastCheckpoint.note}` : ''}` : '—'}`,
  );
  lines.push(`  tests       ${session.lastSuccessfulTest ? `passed ${age(session.lastSuccessfulTest.at)}` : '—'}`);
  lines.push(`  version     ${session.version}`);
  return lines.join('\n');
}

export function formatDetail(detail: SessionDetail): string {
  const lines = [formatSession(detail.session)];
  if (detail.leases.length) {
    lines.push('  leases');
    for (const lease of detail.leases) {
      lines.push(`    ${lease.mode.padEnd(5)} ${lease.pattern}  (${lease.id} v${lease.version}, ${expiry(lease)})${lease.reason ? ` — ${lease.reason}` : ''}`);
    }
  }
  if (detail.changedPaths.length) {
    lines.push(`  changed     ${detail.changedPaths.length} file${detail.changedPaths.length === 1 ? '' : 's'}`);
    for (const path of detail.changedPaths.slice(0, CHANGED_SHOWN)) lines.push(`    ${JSON.stringify(path).slice(1, -1)}`);
    if (detail.changedPaths.length > CHANGED_SHOWN) lines.push(`    … and ${detail.changedPaths.length - CHANGED_SHOWN} more (all of them: signalbox --json session show ${detail.session.id})`);
  }
  if (detail.conflicts.length) {
    lines.push('  conflicts');
    for (const c of detail.conflicts) lines.push(`    ${c.kind} with ${c.sessions.join(', ')}: ${c.nextAction}`);
  }
  const pending = detail.approvals.filter((a) => a.state === 'pending');
  if (pending.length) {
    lines.push('  approvals waiting');
    for (const a of pending) lines.push(`    ${a.id} tier ${a.tier}: ${a.action}`);
  }
  if (detail.events.length) {
    const shown = detail.events.slice(-EVENTS_SHOWN).reverse();
    lines.push(`  activity    ${shown.length < detail.events.length ? `last ${shown.length} of ${detail.events.length}, ` : ''}newest first`);
    for (const event of shown) lines.push(`    ${event.at.slice(0, 16).replace('T', ' ')}  ${event.kind}  by ${event.actor}`);
  }
  return lines.join('\n');
}

export function formatRepo(repo: Repo): string {
  return `${repo.id}  ${repo.path}  (protected: ${repo.protectedBranch}; worktrees in ${repo.worktreeRoot})`;
}

export function formatBoard(board: Board): string {
  const live = board.sessions.filter((s) => !s.endedAt);
  const count = (status: string) => live.filter((s) => s.status === status).length;
  return [
    `${board.repos.length} repo(s), ${live.length} live session(s): ${count('blocked')} blocked, ` +
      `${count('awaiting-approval')} awaiting approval, ${count('review-ready')} review-ready`,
    '',
    formatSessions(live),
    '',
    board.leases.length
      ? table([
          ['LEASE', 'VERSION', 'SESSION', 'MODE', 'PATTERN', 'EXPIRES'],
          ...board.leases.map((l) => [l.id, `v${l.version}`, l.session, l.mode, l.pattern, expiry(l)]),
        ])
      : 'No leases.',
    '',
    board.conflicts.length
      ? table([
          ['CONFLICT', 'KIND', 'SESSIONS', 'NEXT ACTION'],
          ...board.conflicts.map((c) => [c.id, c.kind, c.sessions.join(','), c.nextAction]),
        ])
      : 'No open conflicts.',
  ].join('\n');
}
