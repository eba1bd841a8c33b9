import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';
import { Workbench } from './hook-harness';

let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;
let bench: Workbench;

beforeAll(async () => {
  data = tempDir('signalbox-install-');
  coordinator = await serveCoordinator(data.path);
});

afterAll(async () => {
  await coordinator.kill();
  data.remove();
});

afterEach(async () => {
  await bench?.cleanup();
});

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
const settingsOf = (worktree: string) => JSON.parse(readFileSync(join(worktree, '.claude/settings.local.json'), 'utf8'));
const HOOK_COMMAND = `${process.execPath} ${BIN} hook claude-code`;

function ours(settings: any, event: string): unknown[] {
  return (settings.hooks[event] as { hooks: { command: string }[] }[]).flatMap((group) => group.hooks).filter((h) => h.command === HOOK_COMMAND);
}

describe('Claude Code hooks installed with the session', () => {
  it('writes the hooks of a claude-code session with explicit timeouts, running the signalbox that installed them, kept out of git', async () => {
    bench = await Workbench.create(coordinator, { 'src/a.ts': 'a\n' });
    const s = bench.session('Hooked');
    const settings = settingsOf(s.worktree);
    expect(settings.hooks.PreToolUse).toEqual([
      { matcher: 'Write|Edit|MultiEdit|NotebookEdit', hooks: [{ type: 'command', command: HOOK_COMMAND, timeout: 15 }] },
    ]);
    expect(settings.hooks.Notification).toEqual([
      { matcher: 'permission_prompt|idle_prompt', hooks: [{ type: 'command', command: HOOK_COMMAND, timeout: 15 }] },
    ]);
    for (const event of ['SessionStart', 'Stop']) {
      expect(settings.hooks[event]).toEqual([{ hooks: [{ type: 'command', command: HOOK_COMMAND, timeout: 15 }] }]);
    }
    const gitDir = git(s.worktree, 'rev-parse', '--absolute-git-dir').trim();
    const { token } = JSON.parse(readFileSync(join(gitDir, 'signalbox/session.json'), 'utf8')) as { token: string };
    expect(JSON.stringify(settings)).not.toContain(token);
    expect(git(s.worktree, 'status', '--porcelain')).toBe('');

    bench.session('Second');
    const exclude = readFileSync(join(bench.repo.root, '.git/info/exclude'), 'utf8');
    expect(exclude.split('\n').filter((line) => line === '.claude/settings.local.json')).toHaveLength(1);
  });

  it('merges into existing settings on reinstall: other hooks and settings stay, its own hooks appear once', async () => {
    bench = await Workbench.create(coordinator, { 'src/a.ts': 'a\n' });
    const s = bench.session('Merged');
    const file = join(s.worktree, '.claude/settings.local.json');
    const mine = settingsOf(s.worktree);
    mine.permissions = { allow: ['Bash(npm test:*)'] };
    mine.hooks.PreToolUse.push({ matcher: 'Bash', hooks: [{ type: 'command', command: 'lint-guard', timeout: 5 }] });
    mine.hooks.Stop[0].hooks.push({ type: 'command', command: 'say done' });
    mine.hooks.PostToolUse = [{ matcher: 'Write', hooks: [{ type: 'command', command: 'prettier --write' }] }];
    writeFileSync(file, JSON.stringify(mine));

    for (let i = 0; i < 2; i += 1) expect(bench.cli(['hook', 'install', 'claude-code'], s.worktree).code).toBe(0);
    const merged = settingsOf(s.worktree);
    expect(merged.permissions).toEqual({ allow: ['Bash(npm test:*)'] });
    expect(merged.hooks.PostToolUse).toContainEqual(mine.hooks.PostToolUse[0]);
    expect(merged.hooks.PreToolUse).toContainEqual({ matcher: 'Bash', hooks: [{ type: 'command', command: 'lint-guard', timeout: 5 }] });
    expect(merged.hooks.Stop.flatMap((g: { hooks: unknown[] }) => g.hooks)).toContainEqual({ type: 'command', command: 'say done' });
    for (const event of ['SessionStart', 'PreToolUse', 'PostToolUse', 'Notification', 'Stop']) {
      expect(ours(merged, event), event).toHaveLength(1);
    }
  });

  it('refuses to overwrite settings it cannot read (exit 2), leaving the file as it was', async () => {
    bench = await Workbench.create(coordinator, { 'src/a.ts': 'a\n' });
    const s = bench.session('Broken');
    const file = join(s.worktree, '.claude/settings.local.json');
    writeFileSync(file, '{ "hooks": ');
    const result = bench.cli(['hook', 'install', 'claude-code', '--worktree', s.worktree]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not valid JSON; Signalbox did not change it/);
    expect(readFileSync(file, 'utf8')).toBe('{ "hooks": ');
  });

  it('installs no Claude Code hooks for other agents, but the commit guard for every session', async () => {
    bench = await Workbench.create(coordinator, { 'src/a.ts': 'a\n' });
    const s = bench.cli(['--json', 'session', 'new', '--repo', bench.repo.root, '--title', 'Script']).json as { worktree: string };
    expect(existsSync(join(s.worktree, '.claude'))).toBe(false);
    expect(git(s.worktree, 'config', '--worktree', '--get', 'core.hooksPath').trim()).toMatch(/worktrees\/.+\/signalbox\/hooks$/);
  });
});
