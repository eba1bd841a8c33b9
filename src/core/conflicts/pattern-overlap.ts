/**
 * Can any repository path match both patterns? No false negatives: wherever picomatch's meaning
 * is not modelled exactly, pattern-language widens the pattern, so the answer leans to "yes".
 */
import picomatch from 'picomatch';
import { compilePattern } from './pattern';
import { boundedMemo } from './pattern-cache';
import type { PathStep, PatternLanguage } from './pattern-language';
import { literalChar, segmentGlobsIntersect } from './pattern-segment';

const rememberOverlap = boundedMemo<boolean>(16384);
const rememberBase = boundedMemo<string[]>(16384);

/**
 * The literal folders every match of a pattern starts with (picomatch's own scan). Two patterns
 * whose bases diverge cannot share a path: a cheap refusal before the automaton, which keeps a
 * claim against a thousand unrelated leases fast.
 */
function staticBase(pattern: string): string[] {
  return rememberBase(pattern, () => {
    const normalised = compilePattern(pattern).pattern;
    const scan = picomatch.scan(normalised);
    if (!scan.isGlob) return normalised.split('/').slice(0, -1);
    return scan.base ? scan.base.split('/') : [];
  });
}

/** The literal folder prefix of a pattern as one string ('' when it can match anywhere). */
export function patternBase(pattern: string): string {
  return staticBase(pattern).join('/');
}

function basesCompatible(a: string[], b: string[]): boolean {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Symmetric; throws PatternError for a pattern normalisePattern refuses. Both arguments are
 * read as globs: to test a concrete file path (which may hold `[` or `*`), use patternMatches.
 */
export function patternsOverlap(a: string, b: string): boolean {
  if (!basesCompatible(staticBase(a), staticBase(b))) return false;
  const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  return rememberOverlap(key, () => decideOverlap(a, b));
}

function decideOverlap(a: string, b: string): boolean {
  const left = compilePattern(a);
  const right = compilePattern(b);
  if (left.pattern === right.pattern) return true;
  // picomatch also matches a path spelled exactly like the pattern, so each pattern's own text
  // is a path it matches.
  if (containsPath(left.language, right.pattern) || containsPath(right.language, left.pattern)) return true;
  return languagesIntersect(left.language, right.language);
}

function containsPath(language: PatternLanguage, repoPath: string): boolean {
  if (language.kind === 'everything') return true;
  const steps: PathStep[] = repoPath.split('/').map((name) => ({
    kind: 'segment',
    glob: Array.from({ length: name.length }, (_, i) => literalChar(name.charCodeAt(i))),
  }));
  return language.alternatives.some((alternative) => stepsIntersect(alternative, steps));
}

function languagesIntersect(a: PatternLanguage, b: PatternLanguage): boolean {
  if (a.kind === 'everything') return b.kind === 'everything' || b.alternatives.length > 0;
  if (b.kind === 'everything') return a.alternatives.length > 0;
  return a.alternatives.some((left) => b.alternatives.some((right) => stepsIntersect(left, right)));
}

/**
 * Product automaton over path segments: state (i, j) is how far each pattern has got. A
 * globstar may be skipped, or consume a segment and stay; a segment glob consumes one segment.
 */
function stepsIntersect(a: readonly PathStep[], b: readonly PathStep[]): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const pending: [number, number][] = [[0, 0]];
  const visit = (i: number, j: number): void => {
    if (seen[i * width + j] === 0) {
      seen[i * width + j] = 1;
      pending.push([i, j]);
    }
  };
  seen[0] = 1;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [i, j] = next;
    if (i === a.length && j === b.length) return true;
    const stepA = a[i];
    const stepB = b[j];
    if (stepA?.kind === 'globstar') visit(i + 1, j);
    if (stepB?.kind === 'globstar') visit(i, j + 1);
    if (stepA === undefined || stepB === undefined) continue;
    if (stepA.kind === 'globstar' && stepB.kind === 'globstar') continue;
    // Every segment glob matches some name, so a globstar can always share the segment.
    const shared =
      stepA.kind === 'globstar' || stepB.kind === 'globstar' || segmentGlobsIntersect(stepA.glob, stepB.glob);
    if (shared) visit(stepA.kind === 'globstar' ? i : i + 1, stepB.kind === 'globstar' ? j : j + 1);
  }
  return false;
}
