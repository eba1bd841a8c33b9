import { describe, expect, it } from 'vitest';
import { parseNameStatus } from '../../../src/core/agents/staged-paths';

describe('parseNameStatus', () => {
  it('lists every path once, both names of renames and copies', () => {
    const output = ['M', 'src/a.ts', 'R087', 'db/old name.sql', 'db/new name.sql', 'A', 'tab\there.txt', 'C100', 'x.ts', 'y.ts', 'D', 'gone.ts', 'M', 'src/a.ts', ''].join('\0');
    expect(parseNameStatus(output)).toEqual(['src/a.ts', 'db/old name.sql', 'db/new name.sql', 'tab\there.txt', 'x.ts', 'y.ts', 'gone.ts']);
  });

  it('reads nothing from empty output', () => {
    expect(parseNameStatus('')).toEqual([]);
  });
});
