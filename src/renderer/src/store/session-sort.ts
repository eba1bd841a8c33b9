import type { Session, SessionStatus } from '../../../shared/board';
import type { SortOrder } from './view-state';

/** Status order by how much it needs the lead: what is waiting on them comes first. */
const STATUS_URGENCY: Record<SessionStatus, number> = {
  'blocked': 0,
  'awaiting-approval': 1,
  'review-ready': 2,
  'active': 3,
  'paused': 4,
  'completed': 5,
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

type Compare = (a: Session, b: Session) => number;

/** Sorted copy; ties fall back to id so the order never jumps between updates. */
export function sortSessions(
  sessions: readonly Session[],
  order: SortOrder,
  conflictCounts: Readonly<Record<string, number>>,
): Session[] {
  const byColumn: Record<SortOrder['column'], Compare> = {
    id: (a, b) => collator.compare(a.id, b.id),
    title: (a, b) => collator.compare(a.title, b.title),
    owner: (a, b) => collator.compare(a.owner, b.owner),
    branch: (a, b) => collator.compare(a.branch, b.branch),
    status: (a, b) => STATUS_URGENCY[a.status] - STATUS_URGENCY[b.status],
    priority: (a, b) => a.priority - b.priority,
    // Never checkpointed sorts as the oldest.
    checkpoint: (a, b) => checkpointTime(a) - checkpointTime(b),
    conflicts: (a, b) => (conflictCounts[a.id] ?? 0) - (conflictCounts[b.id] ?? 0),
  };
  const compare = byColumn[order.column];
  const sign = order.direction === 'asc' ? 1 : -1;
  return [...sessions].sort((a, b) => sign * compare(a, b) || collator.compare(a.id, b.id));
}

function checkpointTime(session: Session): number {
  return session.lastCheckpoint ? Date.parse(session.lastCheckpoint.at) : Number.NEGATIVE_INFINITY;
}
