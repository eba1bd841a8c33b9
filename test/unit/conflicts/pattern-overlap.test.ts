import { describe, expect, it } from 'vitest';
import { PatternError } from '../../../src/core/conflicts/pattern';
import { patternsOverlap } from '../../../src/core/conflicts/pattern-overlap';

describe('patternsOverlap', () => {
  it.each([
    // disjoint directories and extensions
    ['src/api/**', 'docs/**', false],
    ['src/*.ts', 'src/*.js', false],
    ['*.ts', 'src/x.ts', false],
    ['src/a/**', 'src/ab/**', false],
    // stars within a segment
    ['src/a*', 'src/*.ts', true],
    ['a*', 'b*', false],
    ['*a', '*b', false],
    ['a*b', '*c*', true],
    ['a*a', 'a', false],
    ['*/b', 'a/*', true],
    ['a/*/c', 'a/c', false],
    ['a/*/c', 'a/**/c', true],
    // globstar: zero or more segments, either order
    ['src/**', 'src/api/x.ts', true],
    ['src/api/x.ts', 'src/**', true],
    ['src/**', 'src', true],
    ['db/migrations/**', 'db/migrations/0002_add_index.sql', true],
    ['**/*.md', 'docs/readme.md', true],
    ['**/*.md', 'readme.md', true],
    ['a/**/b', 'a/b', true],
    ['src/**/test/*.ts', 'src/test/a.ts', true],
    ['src/**/test/*.ts', 'src/a/b/test/c.ts', true],
    ['src/**/test/*.ts', 'src/a/test.ts', false],
    ['**', 'any/path/at/all', true],
    ['src/**/*.ts', 'lib/**/*.ts', false],
    ['src/**/a.ts', '**/b/a.ts', true],
    // picomatch: a final /** after a segment ending in * needs at least one more segment
    ['src/*/**', 'src/a.ts', false],
    ['src/*/**', 'src/a/b.ts', true],
    ['src/*b/**', 'src/b', true],
    // braces, nested and across segments
    ['{a,b}/x', 'b/*', true],
    ['{a,{b,c}}/x', 'c/x', true],
    ['{a,{b,c}}/x', 'd/x', false],
    ['{src,lib}/**/*.ts', 'lib/a/b.ts', true],
    ['{src,lib}/**/*.ts', 'test/a.ts', false],
    ['src/**/*.{ts,tsx}', 'src/a.tsx', true],
    ['src/**/*.{ts,tsx}', 'src/a.js', false],
    ['{a/b,c}/d', 'a/*/d', true],
    ['{a/b,c}/d', 'a/d', false],
    // character classes, negation, ranges, ?
    ['src/[ab].ts', 'src/c.ts', false],
    ['src/[ab].ts', 'src/b.ts', true],
    ['src/[!a].ts', 'src/a.ts', false],
    ['src/[!a].ts', 'src/b.ts', true],
    ['src/[^a].ts', 'src/[a].ts', false],
    ['src/[!a].ts', 'src/[!b].ts', true],
    ['src/[a-c].ts', 'src/b.ts', true],
    ['src/[a-c].ts', 'src/d.ts', false],
    ['src/[a-c]*', 'src/[d-f]*', false],
    ['src/[a-m]*', 'src/[k-z]*', true],
    ['src/[]a].ts', 'src/[]].ts', true],
    ['src/[a-].ts', 'src/-.ts', true],
    ['src/?.ts', 'src/ab.ts', false],
    ['src/?.ts', 'src/a.ts', true],
    ['src/??.ts', 'src/*.ts', true],
    ['db/[[:digit:]]*.sql', 'db/0001_init.sql', true],
    ['db/[[:digit:]]*.sql', 'db/init.sql', false],
    // dotfiles are ordinary names (dot: true)
    ['src/**', 'src/.env', true],
    ['src/*', 'src/.env', true],
    ['**/.*', '.github/workflows/ci.yml', false],
    ['**/.*', '.github/.env', true],
    ['src/?env', 'src/.env', true],
    // identical and literal
    ['src/*.ts', 'src/*.ts', true],
    ['src/a.ts', 'src/a.ts', true],
    ['src/a.ts', 'src/b.ts', false],
    ['src/', 'src/a/b', true],
    ['src', 'src/a', false],
    ['./src//a.ts', 'src/a.ts', true],
    ['caf\u00e9/*', 'cafe\u0301/menu.md', true],
    // extglobs are widened to "any name" in their segment: conservative, never missed
    ['src/@(a|b).ts', 'src/b.ts', true],
    ['src/@(a|b).ts', 'src/c.ts', true],
    ['src/!(x).ts', 'lib/a.ts', false],
    // too many alternatives, or a class that may cross "/": treated as overlapping everything
    // below the pattern's literal folders, which every match must still start with
    ['{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}', 'zzz', true],
    ['src/[[:punct:]]', 'src/deep/path', true],
    ['src/[[:punct:]]', 'other/path', false],
  ])('%j and %j: %j', (a, b, expected) => {
    expect(patternsOverlap(a, b)).toBe(expected);
    expect(patternsOverlap(b, a)).toBe(expected);
  });

  it('refuses a pattern normalisePattern refuses', () => {
    expect(() => patternsOverlap('src/**', 'src/[ab')).toThrow(PatternError);
    expect(() => patternsOverlap('!src/**', 'src/**')).toThrow(PatternError);
  });
});
