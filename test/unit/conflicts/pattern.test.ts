import { describe, expect, it } from 'vitest';
import {
  PathOutsideRepoError,
  PatternError,
  RepoPathError,
  normalisePattern,
  normaliseRepoPath,
  overlappingPaths,
  patternMatches,
} from '../../../src/core/conflicts/pattern';

describe('normalisePattern', () => {
  it.each([
    ['src/api/**', 'src/api/**'],
    ['./src//api/', 'src/api/**'],
    ['/src/x.ts', 'src/x.ts'],
    ['././src/./a.ts', 'src/a.ts'],
    ['src/', 'src/**'],
    ['src/**/', 'src/**'],
    ['src', 'src'],
    ['src/*/', 'src/*/**'],
    ['**', '**'],
    ['cafe\u0301/*.md', 'caf\u00e9/*.md'],
    ['src/!(x).ts', 'src/!(x).ts'],
    ['!(vendor)/**', '!(vendor)/**'],
    ['src/[[:digit:]]*.sql', 'src/[[:digit:]]*.sql'],
    ['docs/{a,b}/c', 'docs/{a,b}/c'],
  ])('%j is stored as %j', (input, stored) => {
    expect(normalisePattern(input)).toBe(stored);
  });

  it.each([
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    ['/', 'names the repository root'],
    ['./', 'names the repository root'],
    ['../x', 'climbs out of the repository'],
    ['src/../../x', 'climbs out of the repository'],
    ['src/..', 'climbs out of the repository'],
    ['a/{b/,}../c', 'climbs out of the repository'],
    ['src\\api\\**', 'contains "\\"'],
    ['src/\\*.ts', 'contains "\\"'],
    ['C:/work/src/**', 'Windows drive path'],
    ['!src/**', 'negated patterns'],
    ['!x', 'negated patterns'],
    ['src/[ab.ts', '"[" at position 5 is never closed'],
    ['src/a].ts', '"]" at position 6 closes nothing'],
    ['src/{a,b.ts', '"{" at position 5 is never closed'],
    ['src/a}.ts', '"}" at position 6 closes nothing'],
    ['src/@(a|b.ts', '"(" at position 6 is never closed'],
    ['src/a).ts', '")" at position 6 closes nothing'],
    ['src/{api}/**', 'hold no comma'],
    ['src/{}', 'hold no comma'],
    ['db/{1..3}.sql', 'brace ranges'],
    ['src/a|b', '"|" outside an extglob'],
    ['src/"a b"', 'double quotes'],
    ['src/[a/b]', 'cannot contain "/"'],
    ['src/[z-a].ts', 'the range z-a is reversed'],
    ['src/[#-0].ts', 'includes "/"'],
    ['src/[ab]+.ts', '"one or more"'],
    ['src/{a,b}+', '"one or more"'],
    ['lib/c++/**', 'a run of "+"'],
    ['a$$', 'a run of "$"'],
    ['src/[[:nope:]]', 'is not a POSIX character class'],
    ['src/a\u0000b', 'control character'],
    ['a'.repeat(5000), 'longer than 4096 characters'],
  ])('refuses %j: %s, and says what to do', (input, reason) => {
    let thrown: unknown;
    try {
      normalisePattern(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PatternError);
    const error = thrown as PatternError;
    expect(error.pattern).toBe(input);
    expect(error.reason).toContain(reason);
    expect(error.hint.length).toBeGreaterThan(10);
    expect(error.message).toContain(error.hint);
  });
});

describe('normaliseRepoPath', () => {
  it.each([
    ['src/a.ts', undefined, 'src/a.ts'],
    ['./src//a.ts', undefined, 'src/a.ts'],
    ['src/a/', undefined, 'src/a'],
    ['src/x/../a.ts', undefined, 'src/a.ts'],
    ['/repo/src/a.ts', '/repo', 'src/a.ts'],
    ['/repo/src/a.ts', '/repo/', 'src/a.ts'],
    ['src/a.ts', '/repo', 'src/a.ts'],
    ['dir\\name.txt', undefined, 'dir\\name.txt'],
    ['C:\\repo\\src\\a.ts', 'C:\\repo', 'src/a.ts'],
    ['c:\\Repo\\src\\a.ts', 'C:\\repo', 'src/a.ts'],
    ['src\\a.ts', 'C:\\repo', 'src/a.ts'],
    ['C:/repo/src/a.ts', 'C:\\repo', 'src/a.ts'],
    ['cafe\u0301.md', undefined, 'caf\u00e9.md'],
  ])('%j (root %j) is %j', (input, root, expected) => {
    expect(normaliseRepoPath(input, root)).toBe(expected);
  });

  it.each([
    ['/other/a.ts', '/repo'],
    ['/repo2/a.ts', '/repo'],
    ['D:\\x\\a.ts', 'C:\\repo'],
    ['C:\\elsewhere\\a.ts', 'C:\\repo'],
  ])('refuses %j outside the repository at %j', (input, root) => {
    const attempt = (): string => normaliseRepoPath(input, root);
    expect(attempt).toThrow(PathOutsideRepoError);
    expect(attempt).toThrow(root);
  });

  it('refuses a relative path that climbs out, with no root to name', () => {
    expect(() => normaliseRepoPath('../x.ts')).toThrow(PathOutsideRepoError);
    expect(() => normaliseRepoPath('src/../../x.ts', '/repo')).toThrow(PathOutsideRepoError);
  });

  it.each([
    ['', undefined, 'it is empty'],
    ['/abs/a.ts', undefined, 'no repository root was given'],
    ['/repo', '/repo', 'names the repository root'],
    ['.', undefined, 'names the repository root'],
    ['/repo/a.ts', 'repo', 'is not absolute'],
    ['a\u0000b', undefined, 'NUL'],
  ])('refuses %j (root %j): %s', (input, root, reason) => {
    let thrown: unknown;
    try {
      normaliseRepoPath(input, root);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RepoPathError);
    expect(thrown).not.toBeInstanceOf(PathOutsideRepoError);
    expect((thrown as RepoPathError).reason).toContain(reason);
    expect((thrown as RepoPathError).hint).not.toBe('');
  });
});

describe('patternMatches', () => {
  it.each([
    ['src/**', 'src/.env', true],
    ['src/*', 'src/.env', true],
    ['src/**', 'src', true],
    ['src/', 'src/a/b.ts', true],
    ['src', 'src/a.ts', false],
    ['src/[!a].ts', 'src/b.ts', true],
    ['src/[!a].ts', 'src/a.ts', false],
    ['src/[ab].ts', 'src/b.ts', true],
    ['*.ts', 'src/x.ts', false],
    ['a/**/b', 'a/b', true],
    ['src/*/**', 'src/a.ts', false],
    ['src/*/**', 'src/a/b.ts', true],
    ['db/[[:digit:]]*.sql', 'db/0001.sql', true],
    ['db/[[:digit:]]*.sql', 'db/a.sql', false],
  ])('%j on %j is %j', (pattern, path, expected) => {
    expect(patternMatches(pattern, path)).toBe(expected);
    expect(patternMatches(pattern, path)).toBe(expected);
  });

  it('refuses a pattern it would otherwise take literally', () => {
    expect(() => patternMatches('src/[ab', 'src/[ab')).toThrow(PatternError);
  });
});

describe('overlappingPaths', () => {
  it('lists the paths that prove an overlap', () => {
    const paths = ['src/a.ts', 'docs/a.md', 'src/b/c.ts', 'src/.eslintrc.ts'];
    expect(overlappingPaths('src/**/*.ts', paths)).toEqual(['src/a.ts', 'src/b/c.ts', 'src/.eslintrc.ts']);
    expect(overlappingPaths('test/**', paths)).toEqual([]);
  });
});
