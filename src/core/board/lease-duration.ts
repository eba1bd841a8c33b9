import { BadInputError } from './errors';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `30m`, `2h`, `90s`, `1d` → seconds. */
export function parseTtl(ttl: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(ttl.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : 0;
  if (!seconds || seconds > 30 * 86400) {
    throw new BadInputError(`"${ttl}" is not a lease duration.`, 'ttl', 'Use a number and a unit, e.g. 90s, 30m, 2h, 1d (at most 30d).');
  }
  return seconds;
}
