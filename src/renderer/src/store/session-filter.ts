import type { Conflict, Lease, Session } from '../../../shared/board';
import type { Filters } from './view-state';

/** The records besides the session that a filter may look at. Conflicts here are the open ones. */
export interface FilterContext {
  leasesBySession: Map<string, Lease[]>;
  openConflicts: Conflict[];
}

export function filterContext(leases: Iterable<Lease>, conflicts: Iterable<Conflict>): FilterContext {
  const leasesBySession = new Map<string, Lease[]>();
  for (const lease of leases) {
    const list = leasesBySession.get(lease.session) ?? [];
    list.push(lease);
    leasesBySession.set(lease.session, list);
  }
  return { leasesBySession, openConflicts: [...conflicts].filter((c) => c.state !== 'resolved') };
}

/** Whether a session passes every active filter. Search looks at id, title, owner, branch and leased patterns. */
export function sessionMatches(session: Session, filters: Filters, context: FilterContext): boolean {
  if (filters.statuses.length > 0 && !filters.statuses.includes(session.status)) return false;
  if (filters.sessionIds.length > 0 && !filters.sessionIds.includes(session.id)) return false;
  if (
    filters.conflictKinds.length > 0 &&
    !context.openConflicts.some((c) => filters.conflictKinds.includes(c.kind) && c.sessions.includes(session.id))
  ) {
    return false;
  }
  const needle = filters.search.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [
    session.id,
    session.title,
    session.owner,
    session.branch,
    ...(context.leasesBySession.get(session.id) ?? []).map((lease) => lease.pattern),
  ];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

export function hasNarrowingFilter(filters: Filters): boolean {
  return (
    filters.statuses.length > 0 ||
    filters.sessionIds.length > 0 ||
    filters.conflictKinds.length > 0 ||
    filters.search.trim() !== ''
  );
}
