/**
 * One Claude Code hook event as it arrives on stdin, narrowed to what Signalbox acts on. Read by
 * hand, not with zod: the hook runs before every file write and must load almost nothing.
 */

/** The tools that write a file, and the field of `tool_input` that names it. */
export const WRITE_TOOLS: Readonly<Record<string, 'file_path' | 'notebook_path'>> = Object.freeze({
  Write: 'file_path',
  Edit: 'file_path',
  MultiEdit: 'file_path',
  NotebookEdit: 'notebook_path',
});

/** The `matcher` of the PreToolUse hook: exactly the write tools. */
export const WRITE_TOOL_MATCHER = Object.keys(WRITE_TOOLS).join('|');

export type ClaudeHookEvent =
  | { kind: 'write'; cwd: string; tool: string; filePath: string | null }
  | { kind: 'other-tool'; cwd: string; tool: string }
  | { kind: 'tool-done'; cwd: string }
  | { kind: 'notification'; cwd: string; notificationType: string; message: string }
  | { kind: 'stop'; cwd: string; stopHookActive: boolean }
  | { kind: 'session-start'; cwd: string; source: string }
  | { kind: 'unknown' };

type Json = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Narrows a parsed payload; anything Signalbox does not handle is `unknown`. */
function toHookEvent(payload: unknown): ClaudeHookEvent {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { kind: 'unknown' };
  const event = payload as Json;
  const cwd = text(event.cwd);
  switch (event.hook_event_name) {
    case 'PreToolUse': {
      const tool = text(event.tool_name);
      const field = Object.hasOwn(WRITE_TOOLS, tool) ? WRITE_TOOLS[tool] : undefined;
      if (!field) return { kind: 'other-tool', cwd, tool };
      const input = typeof event.tool_input === 'object' && event.tool_input !== null ? (event.tool_input as Json) : {};
      const filePath = text(input[field]);
      return { kind: 'write', cwd, tool, filePath: filePath || null };
    }
    case 'PostToolUse':
      return { kind: 'tool-done', cwd };
    case 'Notification':
      return { kind: 'notification', cwd, notificationType: text(event.notification_type), message: text(event.message) };
    case 'Stop':
      return { kind: 'stop', cwd, stopHookActive: event.stop_hook_active === true };
    case 'SessionStart':
      return { kind: 'session-start', cwd, source: text(event.source) };
    default:
      return { kind: 'unknown' };
  }
}

/** Parses the whole of stdin; null when it is not one JSON object. */
export function parseHookInput(input: string): ClaudeHookEvent | null {
  if (!input.trim()) return { kind: 'unknown' };
  try {
    return toHookEvent(JSON.parse(input));
  } catch {
    return null;
  }
}

const HEAD_FIELD = /"(hook_event_name|tool_name|cwd|file_path|notebook_path)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * What can be read from the start of a payload that was cut off or is not valid JSON. Claude Code
 * writes the event name, tool and path before the file content, so a multi-megabyte write can
 * still be recognised and refused rather than let through unchecked.
 */
export function scanHookHead(head: string): ClaudeHookEvent {
  const fields: Record<string, string> = {};
  for (const match of head.matchAll(HEAD_FIELD)) {
    const [, name, raw] = match;
    if (fields[name!] !== undefined) continue;
    try {
      fields[name!] = JSON.parse(`"${raw}"`) as string;
    } catch {
      fields[name!] = '';
    }
  }
  return toHookEvent({
    hook_event_name: fields.hook_event_name,
    tool_name: fields.tool_name,
    cwd: fields.cwd,
    tool_input: { file_path: fields.file_path, notebook_path: fields.notebook_path },
  });
}
