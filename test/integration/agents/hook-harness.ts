import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Session } from '../../../src/shared/board';
import { makeRepo, type FileContents, type RepoFixture } from '../../helpers/git-fixture';
import { BIN, runCli, type ServedCoordinator } from '../../helpers/signalbox-cli';

const FIXTURES = resolve(__dirname, '../../fixtures/hooks');

/** A recorded payload with its {{placeholders}} filled in, escaped as Claude Code writes JSON strings. */
export function payload(name: string, values: Record<string, string> = {}): string {
  return readFileSync(join(FIXTURES, `${name}.json`), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) =>
    JSON.stringify(values[key] ?? '').slice(1, -1),
  );
}

/** The environment an agent would run the hook in, without whatever the test runner's shell sets. */
export function agentEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('SIGNALBOX_') && key !== 'CLAUDE_PROJECT_DIR'),
  );
  return { ...env, ...extra };
}

export interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed, when there is any. */
  output: { hookSpecificOutput?: Record<string, string> } | null;
}

/** Runs the real `signalbox hook claude-code` with one event on stdin, as Claude Code does. */
export function runHook(input: string, options: { cwd?: string; env?: Record<string, string>; args?: string[] } = {}): HookRun {
  const result = spawnSync(process.execPath, [BIN, ...(options.args ?? ['hook', 'claude-code'])], {
    input,
    cwd: options.cwd ?? process.cwd(),
    env: agentEnv(options.env),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let output: HookRun['output'] = null;
  if (result.stdout.trim()) output = JSON.parse(result.stdout) as HookRun['output'];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, output };
}

/** A repository with sessions on one coordinator, created through the real CLI as the lead would. */
export class Workbench {
  private readonly sessions: string[] = [];

  private constructor(
    readonly repo: RepoFixture,
    readonly coordinator: ServedCoordinator,
  ) {}

  static async create(coordinator: ServedCoordinator, files: FileContents): Promise<Workbench> {
    return new Workbench(await makeRepo({ files }), coordinator);
  }

  cli(args: string[], cwd?: string) {
    return runCli(['--data', this.coordinator.dataDir, ...args], { cwd });
  }

  session(title: string, ...options: string[]): Session {
    const created = this.cli(['--json', 'session', 'new', '--repo', this.repo.root, '--title', title, '--agent', 'claude-code', ...options]);
    if (created.code !== 0) throw new Error(`session new failed: ${created.stderr}`);
    this.sessions.push((created.json as Session).id);
    return created.json as Session;
  }

  async show(id: string): Promise<{ session: Session; leases: { pattern: string; mode: string }[]; approvals: { id: string; state: string }[] }> {
    return (await this.coordinator.api('session.show', { id })).body;
  }

  async events(after = 0): Promise<{ kind: string; subject: string }[]> {
    return (await this.coordinator.api('events.since', { after, limit: 1000 })).body;
  }

  /**
   * Ends the sessions first: once `session end` answers, the coordinator runs no git in the
   * repository being removed. A test that stopped the coordinator has nothing left to wait for.
   */
  async cleanup(): Promise<void> {
    if (!this.coordinator.stopped) for (const id of this.sessions) await this.coordinator.api('session.end', { id });
    await this.repo.cleanup();
  }
}
