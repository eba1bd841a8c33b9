import type { ReadRequest } from './worktree-changes';

/** What the next evaluation has to do, accumulated between evaluations so that bursts coalesce. */
export interface EvaluationWork {
  /** Re-read every live session and re-evaluate everything. */
  all: boolean;
  /** Sessions whose worktree changed: read them again, then evaluate their pairs. */
  reads: Map<string, ReadRequest>;
  /** Sessions whose leases or contract changed: evaluate again from what is known, no git read. */
  reevaluate: Set<string>;
  /** Sessions a hook reported active: read again unless a watcher vouches for them, then evaluate. */
  refresh: Set<string>;
  /** Repositories whose protected branch may have moved: stale base for each of their sessions. */
  upstream: Set<string>;
  /** A session ended: resolve what involved it. */
  sweep: boolean;
}

export function emptyWork(): EvaluationWork {
  return { all: false, reads: new Map(), reevaluate: new Set(), refresh: new Set(), upstream: new Set(), sweep: false };
}

export function hasWork(work: EvaluationWork): boolean {
  return work.all || work.sweep || work.reads.size > 0 || work.reevaluate.size > 0 || work.refresh.size > 0 || work.upstream.size > 0;
}

/** A full read absorbs any partial one; partial ones add up. */
export function addRead(reads: Map<string, ReadRequest>, session: string, request: ReadRequest): void {
  const known = reads.get(session);
  if (known === 'full') return;
  if (request === 'full' || known === undefined) {
    reads.set(session, request === 'full' ? 'full' : new Set(request));
    return;
  }
  reads.set(session, new Set([...known, ...request]));
}
