import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { WRITE_TOOL_MATCHER } from './claude-hook-input';
import { excludeFromGit } from './git-exclude';
import { enclosingWorkingTree } from './session-worktree';
import { type SignalboxCommand, shellCommand } from './signalbox-command';

/** Claude Code's per-checkout settings that are never shared: the hooks go here, not in tracked settings.json. */
const CLAUDE_LOCAL_SETTINGS = '.claude/settings.local.json';

export const CLAUDE_HOOK_ARGS = ['hook', 'claude-code'];

/**
 * The events Signalbox listens to, with explicit timeouts (seconds). Each is well above the hook's
 * own deadline, so the hook always answers first — a Claude Code timeout would let the write through.
 * PostToolUse follows the tools that change files or ask permission: a heartbeat that has the
 * coordinator re-read the changed set at once, and the sign that a permission prompt was answered.
 * Read-only tools are left out: they prompt rarely, and a hook on each would slow every read.
 */
const HOOK_EVENTS: Record<string, { matcher?: string; timeout: number }> = {
  SessionStart: { timeout: 15 },
  PreToolUse: { matcher: WRITE_TOOL_MATCHER, timeout: 15 },
  Notification: { matcher: 'permission_prompt|idle_prompt', timeout: 15 },
  Stop: { timeout: 15 },
  PostToolUse: { matcher: `${WRITE_TOOL_MATCHER}|Bash|WebFetch|WebSearch|mcp__.*`, timeout: 15 },
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ours, whichever install of Signalbox wrote it: reinstalling replaces it instead of adding a second one. */
function isSignalboxHandler(handler: unknown): boolean {
  return isObject(handler) && typeof handler.command === 'string' && handler.command.includes('signalbox') &&
    handler.command.endsWith(` ${CLAUDE_HOOK_ARGS.join(' ')}`);
}

/** The settings with Signalbox's hooks in place; every other hook and setting is kept as it was. */
export function withSignalboxHooks(settings: Json, command: string): Json {
  const hooks: Json = isObject(settings.hooks) ? { ...settings.hooks } : {};
  for (const [event, { matcher, timeout }] of Object.entries(HOOK_EVENTS)) {
    const groups: unknown[] = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : [];
    const kept = groups.flatMap((group) => {
      if (!isObject(group) || !Array.isArray(group.hooks) || !group.hooks.some(isSignalboxHandler)) return [group];
      const others = group.hooks.filter((handler) => !isSignalboxHandler(handler));
      return others.length ? [{ ...group, hooks: others }] : [];
    });
    const ours = { ...(matcher ? { matcher } : {}), hooks: [{ type: 'command', command, timeout }] };
    hooks[event] = [...kept, ours];
  }
  return { ...settings, hooks };
}

export class ClaudeSettingsError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} ${reason}; Signalbox did not change it. Fix or remove it, then run \`signalbox hook install claude-code\`.`);
    this.name = 'ClaudeSettingsError';
  }
}

async function readSettings(file: string): Promise<Json> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ClaudeSettingsError(file, 'is not valid JSON');
  }
  if (!isObject(parsed)) throw new ClaudeSettingsError(file, 'does not hold a JSON object');
  return parsed;
}

/**
 * Installs the Claude Code hooks into a worktree's local settings, merged with what is there, and
 * keeps that file out of git. The hook command runs the Signalbox that installs it; the session's
 * token stays in the worktree's git dir. Returns the settings file.
 */
export async function installClaudeHooks(worktree: string, command: SignalboxCommand): Promise<string> {
  const tree = enclosingWorkingTree(worktree);
  if (!tree) throw new Error(`${worktree} is not inside a git working tree.`);
  const file = join(tree.root, CLAUDE_LOCAL_SETTINGS);
  const settings = withSignalboxHooks(await readSettings(file), shellCommand(command, CLAUDE_HOOK_ARGS));
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`);
  await rename(temporary, file);
  await excludeFromGit(tree.commonDir, CLAUDE_LOCAL_SETTINGS, 'Signalbox: per-checkout agent hook settings, never committed');
  return file;
}
