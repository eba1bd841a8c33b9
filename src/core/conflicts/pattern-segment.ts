/**
 * One path segment of a glob, as a tiny automaton over UTF-16 code units (the unit picomatch's
 * regular expressions match, since they carry no `u` flag), and whether two of them share a name.
 */

const SLASH = 0x2f;
const LAST_UNIT = 0xffff;

/** Inclusive code-unit ranges, or everything but them; `/` is never a member. */
export interface CharSet {
  readonly negated: boolean;
  readonly ranges: readonly (readonly [number, number])[];
}

export type CharStep = { readonly kind: 'star' } | { readonly kind: 'char'; readonly set: CharSet };

export const ANY_CHAR: CharSet = { negated: true, ranges: [] };
export const STAR: CharStep = { kind: 'star' };
/** Any non-empty segment name: what an extglob or regex group is approximated by. */
export const ANY_SEGMENT: readonly CharStep[] = [STAR];

// Shared, so that modelling literal names allocates nothing per character.
const literals = new Map<number, CharStep>();

export function literalChar(unit: number): CharStep {
  let step = literals.get(unit);
  if (step === undefined) {
    step = { kind: 'char', set: { negated: false, ranges: [[unit, unit]] } };
    literals.set(unit, step);
  }
  return step;
}

function contains(set: CharSet, unit: number): boolean {
  if (unit === SLASH) return false;
  const inRanges = set.ranges.some(([lo, hi]) => unit >= lo && unit <= hi);
  return inRanges !== set.negated;
}

/**
 * Membership only changes at range edges, so testing every edge (and its neighbours, and the
 * neighbours of `/`) visits every piece of the code-unit line: the answer is exact.
 */
export function charSetsIntersect(a: CharSet, b: CharSet): boolean {
  if (a === ANY_CHAR && !b.negated) return b.ranges.some(([lo, hi]) => lo !== SLASH || hi !== SLASH);
  if (b === ANY_CHAR && !a.negated) return a.ranges.some(([lo, hi]) => lo !== SLASH || hi !== SLASH);
  if (!a.negated && !b.negated) {
    return a.ranges.some(([loA, hiA]) =>
      b.ranges.some(([loB, hiB]) => {
        const lo = Math.max(loA, loB);
        const hi = Math.min(hiA, hiB);
        return lo < hi || (lo === hi && lo !== SLASH);
      }),
    );
  }
  const edges = [0, LAST_UNIT, SLASH - 1, SLASH + 1];
  for (const [lo, hi] of a.ranges) edges.push(lo - 1, lo, hi, hi + 1);
  for (const [lo, hi] of b.ranges) edges.push(lo - 1, lo, hi, hi + 1);
  return edges.some((unit) => unit >= 0 && unit <= LAST_UNIT && contains(a, unit) && contains(b, unit));
}

/**
 * Is there a non-empty name both segment globs match? A search of the product
 * automaton; states are (position in a, position in b, consumed anything yet).
 */
export function segmentGlobsIntersect(a: readonly CharStep[], b: readonly CharStep[]): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width * 2);
  const pending: [number, number, number][] = [[0, 0, 0]];
  const visit = (i: number, j: number, consumed: number): void => {
    const key = (i * width + j) * 2 + consumed;
    if (seen[key] === 0) {
      seen[key] = 1;
      pending.push([i, j, consumed]);
    }
  };
  seen[0] = 1;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [i, j, consumed] = next;
    if (i === a.length && j === b.length && consumed === 1) return true;
    const stepA = a[i];
    const stepB = b[j];
    if (stepA?.kind === 'star') visit(i + 1, j, consumed);
    if (stepB?.kind === 'star') visit(i, j + 1, consumed);
    if (stepA === undefined || stepB === undefined) continue;
    const setA = stepA.kind === 'star' ? ANY_CHAR : stepA.set;
    const setB = stepB.kind === 'star' ? ANY_CHAR : stepB.set;
    if (charSetsIntersect(setA, setB)) {
      visit(stepA.kind === 'star' ? i : i + 1, stepB.kind === 'star' ? j : j + 1, 1);
    }
  }
  return false;
}
