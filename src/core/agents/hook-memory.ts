import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SESSION_STATUSES, type SessionStatus } from '../../shared/board';
import type { StatusMemory } from './hook-status';

/**
 * What the hook of one worktree remembers between events (each event is a new process): the
 * status it last set, and the files its writes already leased — so a file is claimed once, not
 * on every edit. Kept beside the session credentials in the worktree's own git dir.
 */
export interface HookMemory {
  session: string;
  status: StatusMemory | null;
  claimed: string[];
}

function memoryPath(gitDir: string): string {
  return join(gitDir, 'signalbox', 'agent-hook.json');
}

function readStatus(value: unknown): StatusMemory | null {
  if (typeof value !== 'object' || value === null) return null;
  const { status, version, at, blocker, waitsOnPrompt } = value as Record<string, unknown>;
  if (typeof status !== 'string' || !(SESSION_STATUSES as readonly string[]).includes(status)) return null;
  if (typeof version !== 'number' || typeof at !== 'number') return null;
  return {
    status: status as SessionStatus,
    version,
    at,
    blocker: typeof blocker === 'string' ? blocker : null,
    waitsOnPrompt: waitsOnPrompt === true,
  };
}

/** A missing, unreadable or foreign file is an empty memory: forgetting only costs a repeated call. */
export function readHookMemory(gitDir: string, session: string): HookMemory {
  try {
    const stored = JSON.parse(readFileSync(memoryPath(gitDir), 'utf8')) as Record<string, unknown>;
    if (stored.session !== session) return { session, status: null, claimed: [] };
    const claimed = Array.isArray(stored.claimed) ? stored.claimed.filter((p): p is string => typeof p === 'string') : [];
    return { session, status: readStatus(stored.status), claimed };
  } catch {
    return { session, status: null, claimed: [] };
  }
}

/** Replaced whole by a rename: hooks of parallel tool calls never read half a file. */
function writeHookMemory(gitDir: string, memory: HookMemory): void {
  const file = memoryPath(gitDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(memory), { mode: 0o600 });
  renameSync(temporary, file);
}

/** Stores the memory if it can: an unwritable git dir costs a repeated call later, never a wrong answer now. */
export function rememberQuietly(gitDir: string, memory: HookMemory): void {
  try {
    writeHookMemory(gitDir, memory);
  } catch {
    // Nothing to do: the next event starts from an older memory.
  }
}
