/**
 * Lease patterns and repository paths: how they are normalised before they are stored or
 * compared, and how a pattern matches a path.
 *
 * Decisions:
 * - A pattern is relative to the repository root: a leading "/" or "./" is dropped, "//" and
 *   "/./" collapse. A trailing "/" means the directory's contents: "src/" is "src/**". A bare
 *   name ("src") is only that one path: a pure function cannot know it is a directory.
 * - "\" is refused in patterns: in a glob it escapes, on Windows it separates, and guessing
 *   either way changes what a lease covers. In concrete paths it is a separator only when the
 *   path or the repository root is a Windows absolute path; otherwise it is part of a name.
 * - Both are Unicode NFC, so a name typed on macOS and one listed by git compare equal.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { boundedMemo } from './pattern-cache';
import { PathOutsideRepoError, PatternError, RepoPathError } from './pattern-error';
import { patternLanguage, type PatternLanguage } from './pattern-language';

export { PathOutsideRepoError, PatternError, RepoPathError } from './pattern-error';

/** How every pattern is matched; the overlap model in pattern-language follows these exactly. */
export const MATCH_OPTIONS: Readonly<picomatch.PicomatchOptions> = Object.freeze({
  // A lease on src/** covers src/.env.
  dot: true,
  // [!a] negates, as in git and bash.
  posix: true,
  // [ab] is a class only, never also the literal text "[ab]".
  literalBrackets: false,
  // Negation is refused at normalisation; it must never be honoured by accident either.
  nonegate: true,
  strictBrackets: true,
  // Same answer on every OS: repository paths always use "/".
  windows: false,
});

export const MAX_PATTERN_LENGTH = 4096;

export interface CompiledPattern {
  /** The normalised text, as stored on a lease. */
  readonly pattern: string;
  /** The paths it can match, for overlap checks. */
  readonly language: PatternLanguage;
}

const LEASE_EXAMPLE = 'e.g. src/api/**';
const rememberPattern = boundedMemo<CompiledPattern>(4096);
const rememberMatcher = boundedMemo<picomatch.Matcher>(4096);

/** The stored form of a lease, scope or forbidden pattern. Throws PatternError. */
export function normalisePattern(input: string): string {
  return compilePattern(input).pattern;
}

/** Normalised, validated (braces expanded too) and modelled; cached. Throws PatternError. */
export function compilePattern(input: string): CompiledPattern {
  return rememberPattern(input, () => {
    const pattern = cleanPattern(input);
    return { pattern, language: patternLanguage(pattern, input) };
  });
}

function cleanPattern(input: string): string {
  const refuse = (reason: string, hint: string): never => {
    throw new PatternError(input, reason, hint);
  };
  const text = input.normalize('NFC');
  if (text.trim() === '') {
    refuse('it is empty', `Give a path or glob relative to the repository root, ${LEASE_EXAMPLE}.`);
  }
  if (text.length > MAX_PATTERN_LENGTH) {
    refuse(`it is longer than ${MAX_PATTERN_LENGTH} characters`, `Lease a parent directory instead, ${LEASE_EXAMPLE}.`);
  }
  if (hasControlCharacter(text)) {
    refuse('it contains a control character', 'Remove it; use ? to match any one character.');
  }
  if (text.includes('\\')) {
    refuse(
      'it contains "\\", which a glob reads as an escape and Windows as a separator',
      'Use "/" between directories; to match a special character itself, put it in brackets, e.g. [*].',
    );
  }
  const segments = text.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    refuse('it climbs out of the repository with ".."', `Give the path from the repository root, ${LEASE_EXAMPLE}.`);
  }
  if (segments.length === 0) {
    refuse('it names the repository root, not paths in it', 'Use ** to lease the whole repository.');
  }
  if (text.endsWith('/') && segments.at(-1) !== '**') segments.push('**');
  const pattern = segments.join('/');
  if (/^[A-Za-z]:/.test(pattern)) {
    refuse('it is a Windows drive path', `Give the path relative to the repository root, ${LEASE_EXAMPLE}.`);
  }
  if (pattern.startsWith('!') && !pattern.startsWith('!(')) {
    refuse(
      'negated patterns ("!…") do not name what a session will change',
      `Lease what you will change, ${LEASE_EXAMPLE}; to keep a session out of paths, give it a forbidden glob.`,
    );
  }
  return pattern;
}

/**
 * Does a normalised repository path (see normaliseRepoPath) match the pattern? Matchers are
 * compiled once per pattern. Throws PatternError for a pattern normalisePattern refuses.
 */
export function patternMatches(pattern: string, repoPath: string): boolean {
  return rememberMatcher(pattern, () => compileMatcher(pattern))(repoPath);
}

function compileMatcher(input: string): picomatch.Matcher {
  const { pattern } = compilePattern(input);
  try {
    return picomatch(pattern, MATCH_OPTIONS);
  } catch (error) {
    throw new PatternError(
      input,
      `the matcher could not compile it (${error instanceof Error ? error.message : String(error)})`,
      'Simplify the pattern, or put special characters in brackets, e.g. [*].',
    );
  }
}

/** The paths the pattern matches: the evidence behind an overlap, shown to the lead. */
export function overlappingPaths(pattern: string, repoPaths: readonly string[]): string[] {
  return repoPaths.filter((repoPath) => patternMatches(pattern, repoPath));
}

/**
 * A concrete file path as a repository-relative POSIX path. A relative input is taken from the
 * repository root (not the working directory); an absolute one must lie under `repoRoot`.
 * Throws RepoPathError, or PathOutsideRepoError when the path leaves the repository.
 */
export function normaliseRepoPath(input: string, repoRoot?: string): string {
  const refuse = (reason: string, hint: string): never => {
    throw new RepoPathError(input, reason, hint);
  };
  const text = input.normalize('NFC');
  if (text === '') refuse('it is empty', 'Give a file path relative to the repository root.');
  if (text.includes('\u0000')) refuse('it contains a NUL character', 'Give the file path as git lists it.');
  const root = repoRoot?.normalize('NFC');
  const windows = isWindowsAbsolute(text) || (root !== undefined && isWindowsAbsolute(root));
  const flavour = windows ? path.win32 : path.posix;
  let relative = flavour.normalize(text);
  if (flavour.isAbsolute(text)) {
    if (root === undefined) {
      return refuse('it is absolute and no repository root was given', 'Give it relative to the repository root.');
    }
    if (!flavour.isAbsolute(root)) {
      refuse(`the repository root ${root} is not absolute`, 'Pass the absolute path of the repository.');
    }
    relative = flavour.relative(root, text);
    if (flavour.isAbsolute(relative)) throw new PathOutsideRepoError(input, repoRoot);
  }
  const cleaned = (windows ? relative.replaceAll('\\', '/') : relative).replace(/\/+$/, '');
  if (cleaned === '..' || cleaned.startsWith('../')) throw new PathOutsideRepoError(input, repoRoot);
  if (cleaned === '' || cleaned === '.') {
    refuse('it names the repository root, not a file in it', 'Give the path of a file inside the repository.');
  }
  return cleaned;
}

// picomatch skips NUL in a pattern, so it could never match what the person meant.
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit < 0x20 || unit === 0x7f) return true;
  }
  return false;
}

function isWindowsAbsolute(value: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');
}
