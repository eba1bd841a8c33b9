/**
 * Reads a glob the way picomatch (with MATCH_OPTIONS) reads it, into a small syntax tree, and
 * refuses what picomatch would silently take literally or misread as a regular expression.
 */
import { PatternError } from './pattern-error';
import type { CharSet } from './pattern-segment';

export type SyntaxNode =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'slash'; readonly afterStar: boolean }
  | {
      readonly kind: 'star';
      readonly count: number;
      /** Next to `{`, `}` or a brace comma, where picomatch keeps `**` a slash-crossing globstar. */
      readonly touchesBrace: boolean;
      readonly inBrace: boolean;
      readonly atEnd: boolean;
    }
  | { readonly kind: 'any-char' }
  | { readonly kind: 'class'; readonly set: CharSet; readonly matchesSlash: boolean }
  | { readonly kind: 'group'; readonly crossesSlash: boolean }
  | { readonly kind: 'brace'; readonly alternatives: readonly (readonly SyntaxNode[])[] };

interface Context {
  readonly braceDepth: number;
  readonly inGroup: boolean;
  readonly closer: '' | ')' | '}';
}

interface PosixClass {
  readonly ranges: readonly (readonly [number, number])[];
  readonly matchesSlash: boolean;
}

const SLASH = 0x2f;
const span = (from: string, to: string): [number, number] => [from.charCodeAt(0), to.charCodeAt(0)];
const units = (chars: string): [number, number][] => [...chars].map((c) => span(c, c));

/** picomatch's POSIX_REGEX_SOURCE as code-unit ranges; four of them contain `/`. */
const POSIX_CLASSES: Readonly<Record<string, PosixClass>> = {
  alnum: { ranges: [span('a', 'z'), span('A', 'Z'), span('0', '9')], matchesSlash: false },
  alpha: { ranges: [span('a', 'z'), span('A', 'Z')], matchesSlash: false },
  ascii: { ranges: [[0x00, 0x7f]], matchesSlash: true },
  blank: { ranges: units(' \t'), matchesSlash: false },
  cntrl: { ranges: [[0x00, 0x1f], [0x7f, 0x7f]], matchesSlash: false },
  digit: { ranges: [span('0', '9')], matchesSlash: false },
  graph: { ranges: [[0x21, 0x7e]], matchesSlash: true },
  lower: { ranges: [span('a', 'z')], matchesSlash: false },
  print: { ranges: [[0x20, 0x7e]], matchesSlash: true },
  punct: { ranges: units('-!"#$%&\'()*+,./:;<=>?@[]^_`{|}~'), matchesSlash: true },
  space: { ranges: units(' \t\r\n\v\f'), matchesSlash: false },
  upper: { ranges: [span('A', 'Z')], matchesSlash: false },
  word: { ranges: [span('A', 'Z'), span('a', 'z'), span('0', '9'), span('_', '_')], matchesSlash: false },
  xdigit: { ranges: [span('A', 'F'), span('a', 'f'), span('0', '9')], matchesSlash: false },
};

const LITERAL_HINT = 'To match such a character itself, put it in brackets, e.g. [[], []] or [{].';

/** `shownAs` is what the person typed, for the error message. Throws PatternError. */
export function parsePattern(pattern: string, shownAs: string = pattern): SyntaxNode[] {
  let at = 0;
  const refuse = (reason: string, hint: string): never => {
    throw new PatternError(shownAs, reason, hint);
  };

  function sequence(context: Context): SyntaxNode[] {
    const nodes: SyntaxNode[] = [];
    const pushText = (value: string): void => {
      const last = nodes.at(-1);
      if (last?.kind === 'text') nodes[nodes.length - 1] = { kind: 'text', value: last.value + value };
      else nodes.push({ kind: 'text', value });
      at += value.length;
    };
    while (at < pattern.length) {
      const char = pattern.charAt(at);
      const next = pattern.charAt(at + 1);
      if (context.closer === '}' && (char === ',' || char === '}')) return nodes;
      if (context.closer === ')' && char === ')') return nodes;
      switch (char) {
        case '/':
          nodes.push({ kind: 'slash', afterStar: nodes.at(-1)?.kind === 'star' });
          at += 1;
          break;
        case '*':
          nodes.push(star(context));
          break;
        case '?':
          nodes.push({ kind: 'any-char' });
          at += 1;
          break;
        case '[':
          nodes.push(charClass());
          break;
        case '{':
          nodes.push(brace(context));
          break;
        case '(':
          nodes.push(group(context));
          break;
        case ']':
        case '}':
        case ')':
          return refuse(`"${char}" at position ${at + 1} closes nothing`, `Remove it, or balance it. ${LITERAL_HINT}`);
        case '|':
          if (!context.inGroup) {
            refuse(
              '"|" outside an extglob makes the matcher split the whole pattern into regular-expression alternatives',
              'Use braces for alternatives, e.g. {a,b}, or an extglob such as @(a|b).',
            );
          }
          pushText(char);
          break;
        case '"':
          refuse('double quotes are a quoting syntax in the matcher', `Remove the quotes. ${LITERAL_HINT}`);
          break;
        case '+':
        case '$':
          if (next === char) {
            refuse(`a run of "${char}" is misread by the matcher as a regular-expression operator`, LITERAL_HINT);
          }
          if (char === '+' && next !== '(' && at > 0 && ']{}'.includes(pattern.charAt(at - 1))) {
            refuse(
              '"+" right after "]", "{" or "}" is read by the matcher as "one or more"',
              'Use * for repetition, or [+] for a literal plus sign.',
            );
          }
          pushText(char);
          break;
        case '.':
          if (context.braceDepth > 0 && next === '.') {
            refuse(
              'brace ranges such as {1..3} are not supported (the matcher turns them into a character class)',
              'List the alternatives instead, e.g. {1,2,3}.',
            );
          }
          pushText(char);
          break;
        default:
          pushText(char);
      }
    }
    return nodes;
  }

  function star(context: Context): SyntaxNode {
    let end = at;
    while (pattern.charAt(end) === '*') end += 1;
    const isBraceMark = (char: string): boolean =>
      char === '{' || char === '}' || (char === ',' && context.closer === '}');
    const node: SyntaxNode = {
      kind: 'star',
      count: end - at,
      touchesBrace: isBraceMark(pattern.charAt(at - 1)) || isBraceMark(pattern.charAt(end)),
      inBrace: context.braceDepth > 0,
      atEnd: end === pattern.length,
    };
    at = end;
    return node;
  }

  function charClass(): SyntaxNode {
    const start = at;
    at += 1;
    const negated = pattern.charAt(at) === '!' || pattern.charAt(at) === '^';
    if (negated) at += 1;
    const ranges: (readonly [number, number])[] = [];
    let hasPosix = false;
    let posixMatchesSlash = false;
    for (let first = true; ; first = false) {
      if (at >= pattern.length) {
        refuse(`"[" at position ${start + 1} is never closed`, `Close the class with "]". ${LITERAL_HINT}`);
      }
      const char = pattern.charAt(at);
      if (char === ']' && !first) break;
      if (char === '/') {
        refuse('a character class cannot contain "/"', 'Write the path separator outside the brackets.');
      }
      if (char === '[' && pattern.charAt(at + 1) === ':') {
        const close = pattern.indexOf(':]', at + 2);
        const name = close < 0 ? '' : pattern.slice(at + 2, close);
        const posix = POSIX_CLASSES[name];
        if (posix === undefined) {
          return refuse(
            `"${pattern.slice(at, close < 0 ? undefined : close + 2)}" is not a POSIX character class`,
            `Use one of ${Object.keys(POSIX_CLASSES).join(', ')}, e.g. [[:digit:]].`,
          );
        }
        hasPosix = true;
        posixMatchesSlash ||= posix.matchesSlash;
        ranges.push(...posix.ranges);
        at = close + 2;
        continue;
      }
      ranges.push(classRange());
    }
    at += 1;
    // picomatch keeps `/` out of a negated class only when it holds no POSIX class.
    const matchesSlash = hasPosix && (negated || posixMatchesSlash);
    return { kind: 'class', set: { negated, ranges }, matchesSlash };
  }

  function classRange(): readonly [number, number] {
    const low = pattern.charCodeAt(at);
    const isRange = pattern.charAt(at + 1) === '-' && at + 2 < pattern.length && pattern.charAt(at + 2) !== ']';
    if (!isRange) {
      at += 1;
      return [low, low];
    }
    const high = pattern.charCodeAt(at + 2);
    const text = pattern.slice(at, at + 3);
    if (high < low) refuse(`the range ${text} is reversed`, `Write it low to high, e.g. ${text[2]}-${text[0]}.`);
    if (low <= SLASH && SLASH <= high) {
      refuse(`the range ${text} includes "/"`, 'Split the range so that it leaves out "/".');
    }
    if (pattern.slice(at + 2, at + 4) === '[:') {
      refuse(`the range in "${text}:" ends in a POSIX class`, 'Give ranges plain characters at both ends.');
    }
    at += 3;
    return [low, high];
  }

  function brace(context: Context): SyntaxNode {
    const start = at;
    at += 1;
    const inner: Context = { braceDepth: context.braceDepth + 1, inGroup: context.inGroup, closer: '}' };
    const alternatives: SyntaxNode[][] = [];
    for (;;) {
      alternatives.push(sequence(inner));
      if (at >= pattern.length) {
        refuse(`"{" at position ${start + 1} is never closed`, `Close it with "}". ${LITERAL_HINT}`);
      }
      const closer = pattern.charAt(at);
      at += 1;
      if (closer === '}') break;
    }
    if (alternatives.length < 2) {
      refuse(
        `the braces "${pattern.slice(start, at)}" hold no comma, so the matcher would take them literally`,
        `Give alternatives, e.g. {a,b}, or drop the braces. ${LITERAL_HINT}`,
      );
    }
    return { kind: 'brace', alternatives };
  }

  function group(context: Context): SyntaxNode {
    const start = at;
    at += 1;
    const nodes = sequence({ braceDepth: context.braceDepth, inGroup: true, closer: ')' });
    if (at >= pattern.length) {
      refuse(`"(" at position ${start + 1} is never closed`, `Close it with ")". ${LITERAL_HINT}`);
    }
    at += 1;
    return { kind: 'group', crossesSlash: nodes.some(crossesSlash) };
  }

  return sequence({ braceDepth: 0, inGroup: false, closer: '' });
}

function crossesSlash(node: SyntaxNode): boolean {
  switch (node.kind) {
    case 'slash':
      return true;
    case 'star':
      return node.count >= 2;
    case 'class':
      return node.matchesSlash;
    case 'group':
      return node.crossesSlash;
    case 'brace':
      return node.alternatives.some((alternative) => alternative.some(crossesSlash));
    default:
      return false;
  }
}
