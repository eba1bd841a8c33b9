import { describe, expect, it } from 'vitest';
import { literalPattern } from '../../../src/core/agents/literal-pattern';
import { normalisePattern, patternMatches } from '../../../src/core/conflicts/pattern';

describe('literalPattern', () => {
  it.each([
    'src/orders.ts',
    'app/[slug]/page.tsx',
    'app/(marketing)/page.tsx',
    'docs/what?.md',
    'a/*star*.txt',
    'a/{b,c}.ts',
    'a/+(x).ts',
    'a/@(x).ts',
    'a/x!(y).ts',
    'a/not!first.ts',
    'a/$dollar^caret.ts',
    'a/space name.ts',
    'é/café.ts',
  ])('names exactly %s', (path) => {
    const pattern = literalPattern(path)!;
    expect(normalisePattern(pattern)).toBe(pattern);
    expect(patternMatches(pattern, path.normalize('NFC'))).toBe(true);
    for (const neighbour of [`${path}x`, `x${path}`, path.replace(/.$/, '_')]) {
      if (neighbour !== path) expect(patternMatches(pattern, neighbour), neighbour).toBe(false);
    }
  });

  it('gives up on paths no pattern can name exactly', () => {
    expect(literalPattern('!important.txt')).toBeNull();
    expect(literalPattern('a\\b.txt')).toBeNull();
    expect(literalPattern('a\tb.txt')).toBeNull();
    expect(literalPattern('')).toBeNull();
  });
});
