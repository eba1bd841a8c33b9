import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, it } from 'vitest';
import { MATCH_OPTIONS, normalisePattern, patternMatches } from '../../../src/core/conflicts/pattern';
import { patternsOverlap } from '../../../src/core/conflicts/pattern-overlap';

const SEGMENTS = ['a', 'b', 'ab', '*', 'a*', '*b', '?', '[ab]', '[!a]', '**', '{a,b}', '{a,b*}'];
const NAMES = ['a', 'b', 'ab', 'ba', 'aa', '.a'];

// Constructs whose picomatch meaning is only approximated; here only soundness is asserted.
const ODD_SEGMENTS = [
  ...SEGMENTS,
  '***', 'a**', '**a', '.*', '[^b]', '[a-c]', '[]a]', '[a-]', '?*', '*?*', '[!.]*',
  '@(a|b)', '!(a)', '!(a)*', '*(a)', '+(a)', '?(a)', '(a|b)', '*(a|b)c', '@(a/b)',
  '{a,**}', '{**,a}b', '**{a,b}', '{a,b}**', '{a/b,c}', '{,a}', '{a,}', '{,b/}a', 'a{b,{c,d}}',
  '{a/**,b}', '{*/**,b}', '[[:alpha:]]', '[![:alpha:]]', '[[:punct:]]', 'x,y', 'a+b',
];
const ODD_NAMES = [...NAMES, 'c', 'aab', 'abc', 'x,y', 'a+b', '[ab]', '{a}', '(a|b)', '@(a)', '-'];

const joined = (segments: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> =>
  fc.array(segments, { minLength: 1, maxLength }).map((parts) => parts.join('/'));

const pattern = joined(fc.constantFrom(...SEGMENTS), 4);
const path = joined(fc.constantFrom(...NAMES), 6);
const oddPattern = joined(fc.constantFrom(...ODD_SEGMENTS), 4);
const oddPath = joined(fc.constantFrom(...ODD_NAMES), 5);

/** Every path of one to three names, searched exhaustively for a path both patterns match. */
function allPaths(names: readonly string[], depth: number): string[] {
  const paths: string[] = [];
  let level = [''];
  for (let d = 0; d < depth; d += 1) {
    level = level.flatMap((prefix) => names.map((name) => (prefix === '' ? name : `${prefix}/${name}`)));
    paths.push(...level);
  }
  return paths;
}

/** Finds a path both patterns match: first in a fixed universe (match vectors kept per pattern), then in `extra`. */
function witnessFinder(universe: readonly string[]) {
  const known = new Map<string, { matches: picomatch.Matcher; vector: Uint8Array }>();
  const compiled = (glob: string): { matches: picomatch.Matcher; vector: Uint8Array } => {
    let entry = known.get(glob);
    if (entry === undefined) {
      const matches = picomatch(normalisePattern(glob), MATCH_OPTIONS);
      entry = { matches, vector: Uint8Array.from(universe, (candidate) => (matches(candidate) ? 1 : 0)) };
      known.set(glob, entry);
    }
    return entry;
  };
  return (a: string, b: string, extra: readonly string[]): string | undefined => {
    const left = compiled(a);
    const right = compiled(b);
    const index = left.vector.findIndex((hit, i) => hit === 1 && right.vector[i] === 1);
    if (index >= 0) return universe[index];
    return extra.find((candidate) => left.matches(candidate) && right.matches(candidate));
  };
}

describe('patternsOverlap, against picomatch', () => {
  it('never misses a path both patterns match, and is symmetric', () => {
    const sharedPath = witnessFinder(allPaths(NAMES, 3));
    fc.assert(
      fc.property(pattern, pattern, fc.array(path, { maxLength: 12 }), (a, b, extra) => {
        const overlap = patternsOverlap(a, b);
        return patternsOverlap(b, a) === overlap && (overlap || sharedPath(a, b, extra) === undefined);
      }),
      { numRuns: 3000 },
    );
  });

  it('is exact against a literal path: overlap is a match', () => {
    fc.assert(
      fc.property(pattern, path, (glob, literal) => {
        const matched = picomatch(normalisePattern(glob), MATCH_OPTIONS)(literal);
        return patternMatches(glob, literal) === matched && patternsOverlap(glob, literal) === matched;
      }),
      { numRuns: 3000 },
    );
  });

  it('never misses an overlap for extglobs, ranges, POSIX classes and odd brace or star placements', () => {
    const sharedPath = witnessFinder(allPaths(ODD_NAMES, 2));
    fc.assert(
      fc.property(oddPattern, oddPattern, fc.array(oddPath, { maxLength: 12 }), (a, b, extra) => {
        return patternsOverlap(a, b) || sharedPath(a, b, extra) === undefined;
      }),
      { numRuns: 1500 },
    );
  });
});
