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
  /** The leases the lead saw when they dragged, so confirming later still refuses a stale one. */
  versions: Record<string, ShownVersion>;
}

/** What the lead saw of a lease when they started a hand-over. */
export type ShownLease = Pick<Lease, 'id' | 'pattern' | 'session' | 'version'>;

/** The lease a hand-over expects to move: its id (a pattern claimed again is a new lease) and version. */
export interface ShownVersion {
  lease: string;
  version: number;
}

/** Of `patterns`, those some session other than `to` holds a lease on: what a hand-over would move. */
export function patternsToMove(leases: Iterable<Pick<Lease, 'pattern' | 'session'>>, patterns: readonly string[], to: string): string[] {
  const wanted = new Set(patterns);
  const moving = new Set<string>();
  for (const lease of leases) if (wanted.has(lease.pattern) && lease.session !== to) moving.add(lease.pattern);
  return [...moving].sort();
}

/**
 * For each pattern only one other session holds, that lease and its version as shown: the hand-over
 * sends them so a lease renewed, moved, or released and claimed again meanwhile is refused as stale.
 * Several holders have no one version.
 */
export function shownVersions(leases: Iterable<ShownLease>, patterns: readonly string[], to: string): Record<string, ShownVersion> {
  const wanted = new Set(patterns);
  const held = new Map<string, ShownLease[]>();
  for (const lease of leases) {
    if (wanted.has(lease.pattern) && lease.session !== to) held.set(lease.pattern, [...(held.get(lease.pattern) ?? []), lease]);
  }
  const versions: Record<string, ShownVersion> = {};
  for (const [pattern, [holder, ...others]] of held) if (holder && others.length === 0) versions[pattern] = { lease: holder.id, version: holder.version };
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
