/**
 * The set of repository paths a pattern can match, as alternatives of path steps: braces
 * expanded, each alternative a sequence of segment globs and `**` globstars. Where picomatch's
 * meaning cannot be modelled exactly the model is widened (a segment becomes "any name" or
 * "any number of segments"), never narrowed, so overlap built on it has no false negatives.
 */
import { PatternError } from './pattern-error';
import { ANY_CHAR, ANY_SEGMENT, STAR, literalChar, type CharStep } from './pattern-segment';
import { parsePattern, type SyntaxNode } from './pattern-syntax';

export type PathStep =
  | { readonly kind: 'globstar' }
  | { readonly kind: 'segment'; readonly glob: readonly CharStep[] };

export type PatternLanguage =
  /** Too wide or too odd to model: treated as matching every path. */
  | { readonly kind: 'everything' }
  | { readonly kind: 'alternatives'; readonly alternatives: readonly (readonly PathStep[])[] };

/** Beyond this many brace alternatives a pattern is treated as matching everything. */
export const MAX_ALTERNATIVES = 64;

const EVERYTHING: PatternLanguage = { kind: 'everything' };
const GLOBSTAR: PathStep = { kind: 'globstar' };
const ANY_NAME: PathStep = { kind: 'segment', glob: ANY_SEGMENT };

type FlatNode = Exclude<SyntaxNode, { kind: 'brace' }>;
type SlashNode = Extract<SyntaxNode, { kind: 'slash' }>;
type StarNode = Extract<SyntaxNode, { kind: 'star' }>;

interface Segment {
  readonly nodes: readonly FlatNode[];
  readonly slashBefore: SlashNode | undefined;
}

/**
 * What one segment contributes; `star` is set when the step is a plain `/**` globstar.
 * `mayBeEmpty`: the segment might match the empty string (an empty brace alternative, a group).
 */
type SegmentStep =
  | {
      readonly kind: 'step';
      readonly step: PathStep;
      readonly mayBeEmpty: boolean;
      readonly star?: StarNode;
      readonly slashBefore?: SlashNode;
    }
  | { readonly kind: 'no-path'; readonly mayBeEmpty: boolean }
  | { readonly kind: 'everything' };
type Step = Extract<SegmentStep, { kind: 'step' }>;

/** `pattern` must already be normalised; `shownAs` is what the person typed. Throws PatternError. */
export function patternLanguage(pattern: string, shownAs: string = pattern): PatternLanguage {
  const expanded = expandBraces(parsePattern(pattern, shownAs));
  if (expanded === undefined) return EVERYTHING;
  const alternatives: PathStep[][] = [];
  let everything = false;
  for (const sequence of expanded) {
    const steps = alternativeSteps(sequence, shownAs);
    if (steps === 'everything') everything = true;
    else alternatives.push(...steps);
  }
  return everything ? EVERYTHING : { kind: 'alternatives', alternatives };
}

function expandBraces(nodes: readonly SyntaxNode[]): FlatNode[][] | undefined {
  let results: FlatNode[][] = [[]];
  for (const node of nodes) {
    if (node.kind !== 'brace') {
      for (const result of results) result.push(node);
      continue;
    }
    const options: FlatNode[][] = [];
    for (const alternative of node.alternatives) {
      const expanded = expandBraces(alternative);
      if (expanded === undefined) return undefined;
      options.push(...expanded);
      if (options.length > MAX_ALTERNATIVES) return undefined;
    }
    if (results.length * options.length > MAX_ALTERNATIVES) return undefined;
    results = results.flatMap((result) => options.map((option) => [...result, ...option]));
  }
  return results;
}

function alternativeSteps(sequence: readonly FlatNode[], shownAs: string): PathStep[][] | 'everything' {
  const segments: Segment[] = [];
  let current: FlatNode[] = [];
  let slashBefore: SlashNode | undefined;
  for (const node of sequence) {
    if (node.kind === 'slash') {
      segments.push({ nodes: current, slashBefore });
      current = [];
      slashBefore = node;
    } else {
      current.push(node);
    }
  }
  segments.push({ nodes: current, slashBefore });

  const parts = segments.map((segment) => segmentStep(segment, shownAs));
  if (parts.some((part) => part.kind === 'everything')) return 'everything';
  const isStep = (part: SegmentStep): part is Step => part.kind === 'step';
  const mayBeEmpty = (part: SegmentStep): boolean => part.kind !== 'everything' && part.mayBeEmpty;
  const alternatives: PathStep[][] = [];
  if (parts.every(isStep)) alternatives.push(withTrailingGlobstar(parts));
  // picomatch compiles a middle `/**/` with an end-of-path branch: `x/**/rest` also matches
  // plain `x` when `rest` can match the empty string.
  parts.forEach((part, index) => {
    if (index === 0 || index === parts.length - 1 || !isStep(part) || part.step.kind !== 'globstar') return;
    const prefix = parts.slice(0, index);
    const rest = parts.slice(index + 1);
    // A rest of globstars only is merged into one final globstar, handled by withTrailingGlobstar.
    const onlyGlobstars = rest.every((later) => isStep(later) && later.step.kind === 'globstar');
    if (prefix.every(isStep) && rest.every(mayBeEmpty) && !onlyGlobstars) {
      alternatives.push(withTrailingGlobstar(prefix));
    }
  });
  return alternatives;
}

function segmentStep({ nodes, slashBefore }: Segment, shownAs: string): SegmentStep {
  if (nodes.length === 0) return { kind: 'no-path', mayBeEmpty: true };
  if (nodes.every((node) => node.kind === 'text')) {
    const name = nodes.map((node) => node.value).join('');
    if (name === '..') {
      throw new PatternError(
        shownAs,
        'one of its brace alternatives climbs out of the repository with ".."',
        'Leases name paths inside the repository; remove the ".." segment.',
      );
    }
    if (name === '.') return { kind: 'no-path', mayBeEmpty: false };
  }
  const stars = nodes.filter((node): node is StarNode => node.kind === 'star');
  const doubleStar = stars.some((star) => star.count === 2);
  if (nodes.some((node) => node.kind === 'class' && node.matchesSlash)) return { kind: 'everything' };
  if (nodes.some((node) => node.kind === 'group')) {
    const crosses = doubleStar || nodes.some((node) => node.kind === 'group' && node.crossesSlash);
    return crosses ? { kind: 'everything' } : { kind: 'step', step: ANY_NAME, mayBeEmpty: true };
  }
  const only = nodes.length === 1 ? stars[0] : undefined;
  if (only?.count === 2) return { kind: 'step', step: GLOBSTAR, mayBeEmpty: true, star: only, slashBefore };
  // picomatch keeps a `**` beside a brace as a globstar that crosses `/`, whatever else the segment holds.
  if (stars.some((star) => star.count === 2 && star.touchesBrace)) {
    return { kind: 'step', step: GLOBSTAR, mayBeEmpty: true };
  }
  // A run of stars opening a segment loses picomatch's "at least one character" guard.
  const emptyStars = nodes.every((node) => node.kind === 'star') && (stars[0]?.count ?? 0) >= 2;
  return { kind: 'step', step: { kind: 'segment', glob: segmentGlob(nodes) }, mayBeEmpty: emptyStars };
}

function segmentGlob(nodes: readonly FlatNode[]): CharStep[] {
  const glob: CharStep[] = [];
  for (const node of nodes) {
    if (node.kind === 'text') {
      for (let i = 0; i < node.value.length; i += 1) glob.push(literalChar(node.value.charCodeAt(i)));
    } else if (node.kind === 'any-char') {
      glob.push({ kind: 'char', set: ANY_CHAR });
    } else if (node.kind === 'class') {
      glob.push({ kind: 'char', set: node.set });
    } else if (node.kind === 'star' && glob.at(-1)?.kind !== 'star') {
      glob.push(STAR);
    }
  }
  return glob;
}

/**
 * Consecutive globstars collapse into one. picomatch lets a final `/**` match zero segments,
 * except right after a segment ending in `*` (as in `src/*` then `/**`), where it needs at least
 * one; that narrower reading is used only when every globstar in the final run is a plain one.
 */
function withTrailingGlobstar(parts: readonly Step[]): PathStep[] {
  let runStart = parts.length;
  while (runStart > 0 && parts[runStart - 1]?.step.kind === 'globstar') runStart -= 1;
  const run = parts.slice(runStart);
  const steps: PathStep[] = [];
  for (const part of parts.slice(0, runStart)) {
    if (part.step.kind !== 'globstar' || steps.at(-1)?.kind !== 'globstar') steps.push(part.step);
  }
  if (run.length === 0) return steps;
  const plain = run.every((part) => part.star !== undefined && !part.star.inBrace && !part.star.touchesBrace);
  const needsOne = plain && run.at(-1)?.star?.atEnd === true && run[0]?.slashBefore?.afterStar === true;
  if (needsOne) steps.push(ANY_NAME);
  steps.push(GLOBSTAR);
  return steps;
}
