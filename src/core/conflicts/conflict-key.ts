import type { ConflictKind } from '../../shared/board';

/**
 * What a conflict is about, beside its kind and sessions. One conflict per pair and kind: the
 * evidence (shared files, leases, merge-tree) becomes its paths and next action, so a pair that
 * collides on three files and a lease is one row, updated in place as the evidence changes.
 */
export type ConflictCause = 'pair' | 'forbidden' | 'scope' | 'base';

/** Which evaluation answers for a conflict: a pair of sessions, one session's contract, or its base. */
export type ScopeFamily = 'pair' | 'contract' | 'stale';

export interface ConflictScope {
  family: ScopeFamily;
  sessions: string[];
}

const FAMILY: Record<ConflictCause, ScopeFamily> = { pair: 'pair', forbidden: 'contract', scope: 'contract', base: 'stale' };

/** Session ids in board order: s2 before s10. */
export function sortSessionIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareSessionIds);
}

// One collator for every comparison: localeCompare with options builds a new one per call.
const NUMERIC = new Intl.Collator('en', { numeric: true });

export function compareSessionIds(a: string, b: string): number {
  return NUMERIC.compare(a, b);
}

/** Stable across evaluations, so the same conflict is updated rather than opened again. */
export function conflictKey(kind: ConflictKind, sessions: readonly string[], cause: ConflictCause): string {
  return `${kind}:${sortSessionIds(sessions).join('+')}:${cause}`;
}

/** The scope of a stored key; null for a key this engine did not write (left alone). */
export function scopeOfKey(key: string): ConflictScope | null {
  const [, sessions, cause, extra] = key.split(':');
  if (extra !== undefined || !sessions || !cause || !Object.hasOwn(FAMILY, cause)) return null;
  return { family: FAMILY[cause as ConflictCause], sessions: sessions.split('+') };
}
