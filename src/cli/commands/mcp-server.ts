import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { signalboxVersion } from '../../core/agents/signalbox-command';
import { checkedVerdict } from '../../core/agents/write-decision';
import { ApiError } from '../../shared/api';
import { SESSION_STATUSES } from '../../shared/board';
import type { CoordinatorClient } from '../client';
import { CliError } from '../exit-codes';

const REPORTABLE_STATUSES = SESSION_STATUSES.filter((status) => status !== 'completed') as [string, ...string[]];

function ok(summary: string, value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: `${summary}\n${JSON.stringify(value, null, 2)}` }] };
}

/** Refusals read as the CLI prints them: the reason, then what to do. */
function failure(error: unknown): CallToolResult {
  const body =
    error instanceof CliError || error instanceof ApiError
      ? error.body
      : { message: error instanceof Error ? error.message : String(error), hint: undefined };
  return { isError: true, content: [{ type: 'text', text: body.hint ? `${body.message}\n${body.hint}` : body.message }] };
}

async function answer(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    return failure(error);
  }
}

/** The MCP tools of one session (DESIGN §8): the CLI's words, acting as that session. */
export function createMcpServer(client: CoordinatorClient, session: string, version: string): McpServer {
  const server = new McpServer({ name: 'signalbox', version });
  const mode = z.enum(['write', 'read']).default('write').describe('write: exclusive; read: shared');

  server.registerTool(
    'claim',
    {
      description: 'Lease paths for this session before editing them: every pattern is granted, or none is and the answer names the holder.',
      inputSchema: {
        patterns: z.array(z.string().min(1)).min(1).describe('globs relative to the repository root, e.g. src/api/**'),
        mode,
        ttl: z.string().optional().describe('expires after e.g. 30m, 2h'),
        reason: z.string().optional().describe('why, shown to whoever runs into the lease'),
      },
    },
    (input) =>
      answer(async () => {
        const result = await client.call('claim', { session, ...input });
        return ok(`Leased ${result.leases.map((l) => `${l.mode} ${l.pattern}`).join(', ')}.${result.warnings.map((w) => ` Warning: ${w}`).join('')}`, result);
      }),
  );

  server.registerTool(
    'release',
    {
      description: 'Give leases back: the named patterns, or all of this session’s leases.',
      inputSchema: {
        patterns: z.array(z.string().min(1)).optional().describe('the leased patterns to release'),
        all: z.boolean().optional().describe('release every lease of this session'),
      },
    },
    (input) =>
      answer(async () => {
        if (!input.all && !input.patterns?.length) throw CliError.usage('Name the patterns to release, or pass all: true.');
        const released = await client.call('release', input.all ? { session, all: true } : { session, patterns: input.patterns! });
        return ok(released.length ? `Released ${released.map((l) => l.pattern).join(', ')}.` : 'Nothing to release.', released);
      }),
  );

  server.registerTool(
    'check',
    {
      description: 'May this session touch these paths now? Answers clear, soft-overlap, hard-collision, forbidden or out-of-scope, with who holds what and what to do.',
      inputSchema: {
        paths: z.array(z.string().min(1)).min(1).describe('file paths, absolute in this worktree or relative to the repository root'),
        mode,
      },
    },
    (input) =>
      answer(async () => {
        const verdict = checkedVerdict(await client.call('check', { session, ...input }));
        return ok(`${verdict.verdict}: ${verdict.reason}\nnext: ${verdict.nextAction}`, verdict);
      }),
  );

  server.registerTool(
    'set_status',
    {
      description: 'Report this session’s status to the lead; a blocker says what it waits on.',
      inputSchema: {
        status: z.enum(REPORTABLE_STATUSES),
        blocker: z.string().optional().describe('what the session waits on (with blocked or awaiting-approval)'),
      },
    },
    (input) =>
      answer(async () => {
        const after = await client.call('status.set', { session, status: input.status as (typeof SESSION_STATUSES)[number], ...(input.blocker ? { blocker: input.blocker } : {}) });
        return ok(`Session ${after.id} is ${after.status}${after.blocker ? `: ${after.blocker.text}` : ''}.`, after);
      }),
  );

  server.registerTool(
    'checkpoint',
    {
      description: 'Record a checkpoint of this session, and a test run if there was one.',
      inputSchema: {
        note: z.string().optional().describe('what state the work is in'),
        tests: z.enum(['pass', 'fail']).optional(),
        testCommand: z.string().optional().describe('the command that ran the tests'),
      },
    },
    (input) =>
      answer(async () => {
        const after = await client.call('checkpoint', { session, ...input });
        return ok(`Checkpoint recorded at ${after.lastCheckpoint?.at ?? 'now'}.`, after);
      }),
  );

  server.registerTool(
    'request_approval',
    {
      description: 'Ask before acting: tier 2 (the owner reviews) or tier 3 (the lead decides: merge, deploy, ownership override).',
      inputSchema: {
        tier: z.union([z.literal(2), z.literal(3)]),
        action: z.string().min(1).describe('what you want to do'),
        detail: z.string().optional(),
      },
    },
    (input) =>
      answer(async () => {
        const approval = await client.call('approval.request', { session, ...input });
        return ok(`Approval ${approval.id} requested (tier ${approval.tier}); it is ${approval.state}.`, approval);
      }),
  );

  server.registerTool(
    'board',
    { description: 'The whole board: sessions, leases, conflicts, approvals, queue.', inputSchema: {} },
    () =>
      answer(async () => {
        const board = await client.call('board', {});
        return ok(`${board.sessions.length} session(s), ${board.leases.length} lease(s), ${board.conflicts.length} open conflict(s).`, board);
      }),
  );

  return server;
}

/** Serves the tools on stdio until the client closes stdin. stdout carries JSON-RPC only; notes go to stderr. */
export async function serveMcp(client: CoordinatorClient, session: string): Promise<void> {
  const server = createMcpServer(client, session, signalboxVersion());
  await server.connect(new StdioServerTransport());
  process.stderr.write(`signalbox mcp: serving session ${session}\n`);
  await new Promise<void>((done) => process.stdin.once('close', done));
  await server.close();
}
