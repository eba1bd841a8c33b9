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
  /** The lease versions the lead saw when they dragged, so confirming later still refuses a stale one. */
  versions: Record<string, number>;
}

/** What the lead saw of a lease when they started a hand-over. */
export type ShownLease = Pick<Lease, 'pattern' | 'session' | 'version'>;

/** Of `patterns`, those some session other than `to` holds a lease on: what a hand-over would move. */
export function patternsToMove(leases: Iterable<Pick<Lease, 'pattern' | 'session'>>, patterns: readonly string[], to: string): string[] {
  const wanted = new Set(patterns);
  const moving = new Set<string>();
  for (const lease of leases) if (wanted.has(lease.pattern) && lease.session !== to) moving.add(lease.pattern);
  return [...moving].sort();
}

/**
 * For each pattern only one other session holds, the version of that lease as shown: the hand-over
 * sends it so a lease renewed or moved meanwhile is refused as stale. Several holders have no one version.
 */
export function shownVersions(leases: Iterable<ShownLease>, patterns: readonly string[], to: string): Record<string, number> {
  const wanted = new Set(patterns);
  const held = new Map<string, ShownLease[]>();
  for (const lease of leases) {
    if (wanted.has(lease.pattern) && lease.session !== to) held.set(lease.pattern, [...(held.get(lease.pattern) ?? []), lease]);
  }
  const versions: Record<string, number> = {};
  for (const [pattern, holders] of held) if (holders.length === 1) versions[pattern] = holders[0]!.version;
  return versions;
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
