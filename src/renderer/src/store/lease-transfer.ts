import { ApiError } from '../../../shared/api';
import type { Lease } from '../../../shared/board';

/** A hand-over the coordinator refused because it takes a live write lease: the lead must confirm (tier 3). */
export interface OwnershipOverride {
  to: string;
  patterns: string[];
  /** The live sessions that would lose a write lease. */
  holders: string[];
  /** The coordinator's own words, one sentence per refused pattern. */
  reasons: string[];
}

/** Of `patterns`, those some session other than `to` holds a lease on: what a hand-over would move. */
export function patternsToMove(leases: Iterable<Lease>, patterns: readonly string[], to: string): string[] {
  const wanted = new Set(patterns);
  const moving = new Set<string>();
  for (const lease of leases) if (wanted.has(lease.pattern) && lease.session !== to) moving.add(lease.pattern);
  return [...moving].sort();
}

/**
 * The sessions a refused `reassign` would take a write lease from, or null when the refusal is
 * something else. The coordinator names them in `details.contested`; older ones only say "tier-3".
 */
export function contestedHolders(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || error.body.code !== 'refused') return null;
  const contested = error.body.details?.contested;
  if (Array.isArray(contested) && contested.every((s) => typeof s === 'string')) return contested;
  return /tier.?3/i.test(error.body.message) ? [] : null;
}
