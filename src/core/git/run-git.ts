import { simpleGit } from 'simple-git';
import { GIT_DID_NOT_RUN, GitError } from './errors';

export interface GitOptions {
  /** The operation running git, named in errors. */
  name?: string;
  /** Added to the inherited environment, e.g. GIT_INDEX_FILE for a snapshot. */
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures; default [0]. */
  okExitCodes?: readonly number[];
}

export interface GitResult {
  /** Raw stdout decoded as UTF-8, never trimmed: `-z` output ends in NUL. */
  stdout: string;
  /** Raw stdout bytes, for output that is not text (binary patches). */
  stdoutBytes: Buffer;
  stderr: string;
  exitCode: number;
}

const FIXED_ENV = {
  LC_ALL: 'C',
  GIT_TERMINAL_PROMPT: '0',
  // Signalbox reads agents' worktrees in the background; it must never take their index.lock.
  GIT_OPTIONAL_LOCKS: '0',
};

// A caller's repository (GIT_DIR, GIT_INDEX_FILE from a hook) must not leak into other worktrees, and
// git must never start an editor, pager or prompt; simple-git also refuses these keys when passed on.
const WITHHELD_KEYS = new Set(['editor', 'visual', 'pager', 'ssh_askpass', 'prefix']);

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (value !== undefined && !lower.startsWith('git_') && !WITHHELD_KEYS.has(lower)) env[key] = value;
  }
  return env;
}

/** Runs git once in `cwd`; every git process of Signalbox starts here. */
export async function git(args: readonly string[], cwd: string, options: GitOptions = {}): Promise<GitResult> {
  const extraEnv = { ...FIXED_ENV, ...options.env };
  let finished: { exitCode: number; stdOut: Buffer[]; stdErr: Buffer[] } | undefined;
  try {
    await simpleGit({
      baseDir: cwd,
      allowEnvironment: Object.keys(extraEnv),
      // simple-git rejects a non-zero exit only when git also wrote to stderr (merge-tree exits 1
      // silently on a conflict), so every result is taken here and the exit code alone decides.
      errors: (_error, result) => {
        finished = result;
        return undefined;
      },
    })
      .env({ ...inheritedEnv(), ...extraEnv })
      .raw([...args]);
  } catch (error) {
    throw new GitError({
      args,
      cwd,
      exitCode: GIT_DID_NOT_RUN,
      stderr: error instanceof Error ? error.message : String(error),
      operation: options.name,
    });
  }
  if (!finished) {
    throw new GitError({ args, cwd, exitCode: GIT_DID_NOT_RUN, stderr: 'simple-git returned no result', operation: options.name });
  }

  const stdoutBytes = Buffer.concat(finished.stdOut);
  const stderr = Buffer.concat(finished.stdErr).toString('utf8');
  const exitCode = typeof finished.exitCode === 'number' ? finished.exitCode : GIT_DID_NOT_RUN;
  if (!(options.okExitCodes ?? [0]).includes(exitCode)) {
    throw new GitError({ args, cwd, exitCode, stderr, operation: options.name });
  }
  return { stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr, exitCode };
}

/** Fields of `-z` output: NUL-terminated records, without the empty one after the last NUL. */
export function nulFields(stdout: string): string[] {
  const fields = stdout.split('\0');
  if (fields.at(-1) === '') fields.pop();
  return fields;
}

/** A one-line answer without its newline; unlike trim(), keeps spaces that belong to a path. */
export function singleLine(stdout: string): string {
  return stdout.replace(/\r?\n$/, '');
}
