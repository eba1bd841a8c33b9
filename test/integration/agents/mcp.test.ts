import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/board';
import { BIN, serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';
import { agentEnv, Workbench } from './hook-harness';

let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;
let bench: Workbench;
let a: Session;
let b: Session;

beforeAll(async () => {
  data = tempDir('signalbox-mcp-');
  coordinator = await serveCoordinator(data.path);
  bench = await Workbench.create(coordinator, { 'db/migrations/0001_init.sql': 'CREATE TABLE t (id INTEGER);\n', 'src/a.ts': 'a\n' });
  a = bench.session('Migrations', '--owner', 'ana');
  b = bench.session('Search', '--owner', 'bo');
});

afterAll(async () => {
  await bench.cleanup();
  await coordinator.kill();
  data.remove();
});

/** `signalbox mcp` as an MCP host starts it: a child process on stdio, in the session's worktree. */
async function connect(worktree: string): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp'],
    cwd: worktree,
    env: agentEnv() as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr += chunk));
  const client = new Client({ name: 'signalbox-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

function text(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as { type: string; text: string }[]).map((c) => c.text).join('\n');
}

/** Speaks JSON-RPC to a raw `signalbox mcp` process, one message a line, and keeps every byte of its stdout. */
async function rawSession(worktree: string, messages: object[]): Promise<{ stdout: string; answered: Map<number, any> }> {
  const child = spawn(process.execPath, [BIN, 'mcp'], { cwd: worktree, env: agentEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  const answered = new Map<number, any>();
  const expected = messages.filter((m) => 'id' in m).length;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const allAnswered = new Promise<void>((done, fail) => {
    const deadline = setTimeout(() => fail(new Error(`signalbox mcp answered ${answered.size} of ${expected}; stdout: ${stdout}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      for (const line of stdout.split('\n')) {
        try {
          const message = JSON.parse(line) as { id?: number };
          if (typeof message.id === 'number') answered.set(message.id, message);
        } catch {
          // A partial line, or not JSON: the assertions below judge every complete line.
        }
      }
      if (answered.size === expected) {
        clearTimeout(deadline);
        done();
      }
    });
  });
  for (const message of messages) child.stdin.write(`${JSON.stringify(message)}\n`);
  await allAnswered;
  child.stdin.end();
  await exited;
  return { stdout, answered };
}

describe('signalbox mcp on stdio', () => {
  it('writes nothing but JSON-RPC 2.0 messages to stdout, answers included', async () => {
    const { stdout, answered } = await rawSession(a.worktree, [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'check', arguments: { paths: ['src/a.ts'], mode: 'write' } } },
      { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'set_status', arguments: { status: 'sleeping' } } },
      { jsonrpc: '2.0', id: 5, method: 'no/such/method' },
    ]);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      const message = JSON.parse(line) as Record<string, unknown>;
      expect(message.jsonrpc).toBe('2.0');
      expect('result' in message !== 'error' in message).toBe(true);
    }
    expect(answered.get(1).result.serverInfo.name).toBe('signalbox');
    expect(answered.get(2).result.tools).toHaveLength(7);
    expect(answered.get(3).result.content[0].text).toMatch(/^clear: /);
    expect(answered.get(4).result.isError).toBe(true);
    expect(answered.get(5).error.code).toBe(-32601);
  });
});

describe('signalbox mcp', () => {
  it('lists the tools with typed input schemas', async () => {
    const { client } = await connect(a.worktree);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['board', 'check', 'checkpoint', 'claim', 'release', 'request_approval', 'set_status']);
      const claim = tools.find((t) => t.name === 'claim')!;
      expect(claim.inputSchema).toMatchObject({
        type: 'object',
        properties: { patterns: { type: 'array', items: { type: 'string' } }, mode: { enum: ['write', 'read'] } },
        required: ['patterns'],
      });
    } finally {
      await client.close();
    }
  });

  it('claims for its session, and a colliding claim and write check come back as refusals naming the holder', async () => {
    const first = await connect(a.worktree);
    const second = await connect(b.worktree);
    try {
      const claimed = await first.client.callTool({ name: 'claim', arguments: { patterns: ['db/migrations/**'], reason: 'orders index' } });
      expect(claimed.isError).toBeFalsy();
      expect(text(claimed)).toContain('Leased write db/migrations/**');
      expect((await bench.show(a.id)).leases).toMatchObject([{ pattern: 'db/migrations/**', mode: 'write' }]);

      const collided = await second.client.callTool({ name: 'claim', arguments: { patterns: ['db/migrations/0002_add_index.sql'] } });
      expect(collided.isError).toBe(true);
      expect(text(collided)).toMatch(new RegExp(`Nothing was claimed: session ${a.id} \\("Migrations", owner ana\\) holds the write lease db/migrations/\\*\\*`));
      expect(text(collided)).toMatch(/signalbox reassign --paths/);

      const checked = await second.client.callTool({ name: 'check', arguments: { paths: ['db/migrations/0002_add_index.sql'], mode: 'write' } });
      expect(text(checked)).toMatch(/^hard-collision: /);

      const status = await second.client.callTool({ name: 'set_status', arguments: { status: 'blocked', blocker: 'waiting for the migrations' } });
      expect(status.isError).toBeFalsy();
      expect((await bench.show(b.id)).session).toMatchObject({ status: 'blocked', blocker: { text: 'waiting for the migrations' } });

      const badInput = await second.client.callTool({ name: 'set_status', arguments: { status: 'sleeping' } });
      expect(badInput.isError).toBe(true);

      const board = await second.client.callTool({ name: 'board', arguments: {} });
      expect(text(board)).toMatch(/session\(s\), 1 lease\(s\)/);

      const released = await first.client.callTool({ name: 'release', arguments: { all: true } });
      expect(text(released)).toContain('Released db/migrations/**');
      expect(first.stderr()).toContain(`serving session ${a.id}`);
    } finally {
      await first.client.close();
      await second.client.close();
    }
  });

  it('records checkpoints and approval requests for its session', async () => {
    const { client } = await connect(b.worktree);
    try {
      const checkpoint = await client.callTool({ name: 'checkpoint', arguments: { note: 'search index built', tests: 'pass', testCommand: 'npm test' } });
      expect(checkpoint.isError).toBeFalsy();
      const approval = await client.callTool({ name: 'request_approval', arguments: { tier: 3, action: 'merge to main' } });
      expect(text(approval)).toMatch(/Approval a\d+ requested \(tier 3\); it is pending\./);
      const shown = await bench.show(b.id);
      expect(shown.session.lastCheckpoint).toMatchObject({ note: 'search index built' });
      expect(shown.approvals).toMatchObject([{ state: 'pending' }]);
    } finally {
      await client.close();
    }
  });
});
