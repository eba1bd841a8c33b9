import { describe, expect, it } from 'vitest';
import { withSignalboxHooks } from '../../../src/core/agents/claude-settings';

const COMMAND = '/usr/bin/node /opt/signalbox/bin/signalbox.mjs hook claude-code';
const OLD = "/usr/bin/node '/old place/signalbox/bin/signalbox.mjs' hook claude-code";

describe('withSignalboxHooks', () => {
  it('adds its five hooks to empty settings', () => {
    const settings = withSignalboxHooks({}, COMMAND);
    expect(Object.keys(settings.hooks as object)).toEqual(['SessionStart', 'PreToolUse', 'Notification', 'Stop', 'PostToolUse']);
    expect((settings.hooks as any).PreToolUse).toEqual([
      { matcher: 'Write|Edit|MultiEdit|NotebookEdit', hooks: [{ type: 'command', command: COMMAND, timeout: 15 }] },
    ]);
  });

  it('keeps every other setting, hook and handler, and replaces an earlier Signalbox hook wherever it was', () => {
    const before = {
      model: 'opus',
      env: { FOO: '1' },
      hooks: {
        PreToolUse: [
          { matcher: 'Bash', hooks: [{ type: 'command', command: 'guard-bash' }] },
          { matcher: 'Write|Edit', hooks: [{ type: 'command', command: OLD, timeout: 60 }, { type: 'command', command: 'prettier-check' }] },
        ],
        Stop: [{ hooks: [{ type: 'command', command: OLD }] }],
        PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'prettier --write' }] }],
        UserPromptSubmit: 'not an array',
      },
    };
    const after = withSignalboxHooks(before, COMMAND) as any;
    expect(after.model).toBe('opus');
    expect(after.env).toEqual({ FOO: '1' });
    expect(after.hooks.PostToolUse).toEqual([
      ...before.hooks.PostToolUse,
      { matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash|WebFetch|WebSearch|mcp__.*', hooks: [{ type: 'command', command: COMMAND, timeout: 15 }] },
    ]);
    expect(after.hooks.UserPromptSubmit).toBe('not an array');
    expect(after.hooks.PreToolUse).toEqual([
      { matcher: 'Bash', hooks: [{ type: 'command', command: 'guard-bash' }] },
      { matcher: 'Write|Edit', hooks: [{ type: 'command', command: 'prettier-check' }] },
      { matcher: 'Write|Edit|MultiEdit|NotebookEdit', hooks: [{ type: 'command', command: COMMAND, timeout: 15 }] },
    ]);
    expect(after.hooks.Stop).toEqual([{ hooks: [{ type: 'command', command: COMMAND, timeout: 15 }] }]);
    expect(withSignalboxHooks(after, COMMAND)).toEqual(after);
  });

  it('does not mistake someone else’s hook for its own', () => {
    const theirs = { type: 'command', command: 'my-tool hook claude-code' };
    const after = withSignalboxHooks({ hooks: { Stop: [{ hooks: [theirs] }] } }, COMMAND) as any;
    expect(after.hooks.Stop[0]).toEqual({ hooks: [theirs] });
  });
});
