import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHookInput, scanHookHead } from '../../../src/core/agents/claude-hook-input';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../fixtures/hooks', `${name}.json`), 'utf8')
    .replaceAll('{{cwd}}', '/work/wt')
    .replaceAll('{{file}}', '/work/wt/src/a.ts')
    .replaceAll('{{content}}', 'x');

describe('parseHookInput on recorded payloads', () => {
  it.each([
    ['pre-tool-use-write', { kind: 'write', cwd: '/work/wt', tool: 'Write', filePath: '/work/wt/src/a.ts' }],
    ['pre-tool-use-edit', { kind: 'write', cwd: '/work/wt', tool: 'Edit', filePath: '/work/wt/src/a.ts' }],
    ['pre-tool-use-multiedit', { kind: 'write', cwd: '/work/wt', tool: 'MultiEdit', filePath: '/work/wt/src/a.ts' }],
    ['pre-tool-use-notebook-edit', { kind: 'write', cwd: '/work/wt', tool: 'NotebookEdit', filePath: '/work/wt/src/a.ts' }],
    ['pre-tool-use-bash', { kind: 'other-tool', cwd: '/work/wt', tool: 'Bash' }],
    ['post-tool-use-write', { kind: 'tool-done', cwd: '/work/wt' }],
    ['notification-permission-prompt', { kind: 'notification', cwd: '/work/wt', notificationType: 'permission_prompt', message: 'Claude needs your permission to use Bash' }],
    ['notification-idle-prompt', { kind: 'notification', cwd: '/work/wt', notificationType: 'idle_prompt', message: 'Claude is waiting for your input' }],
    ['stop', { kind: 'stop', cwd: '/work/wt', stopHookActive: false }],
    ['session-start', { kind: 'session-start', cwd: '/work/wt', source: 'startup' }],
    ['session-end', { kind: 'unknown' }],
  ])('%s', (name, expected) => {
    expect(parseHookInput(fixture(name))).toEqual(expected);
  });

  it('reads a write tool without a path as a write that names no file', () => {
    expect(parseHookInput('{"hook_event_name":"PreToolUse","tool_name":"Write","cwd":"/w","tool_input":{}}')).toEqual({
      kind: 'write', cwd: '/w', tool: 'Write', filePath: null,
    });
  });

  it('answers unknown for empty input and null for text that is not JSON', () => {
    expect(parseHookInput('  \n')).toEqual({ kind: 'unknown' });
    expect(parseHookInput('[]')).toEqual({ kind: 'unknown' });
    expect(parseHookInput('{"hook_event_name":')).toBeNull();
  });

  it('does not take an inherited property for a write tool', () => {
    expect(parseHookInput('{"hook_event_name":"PreToolUse","tool_name":"toString","cwd":"/w"}')).toEqual({ kind: 'other-tool', cwd: '/w', tool: 'toString' });
  });
});

describe('scanHookHead', () => {
  it('recognises a write from the head of a payload cut off inside its content', () => {
    const text = fixture('pre-tool-use-write').replace('"content": "x"', `"content": "${'a\\"file_path\\": \\"/etc/x\\" '.repeat(10)}`);
    expect(scanHookHead(text.slice(0, text.indexOf('"content"') + 200))).toEqual({
      kind: 'write', cwd: '/work/wt', tool: 'Write', filePath: '/work/wt/src/a.ts',
    });
  });

  it('unescapes JSON strings and leaves unknown text unknown', () => {
    expect(scanHookHead('{"hook_event_name":"PreToolUse","tool_name":"Edit","cwd":"/w","tool_input":{"file_path":"/w/caf\\u00e9 \\"q\\".ts"')).toMatchObject({
      filePath: '/w/café "q".ts',
    });
    expect(scanHookHead('garbage')).toEqual({ kind: 'unknown' });
  });
});
