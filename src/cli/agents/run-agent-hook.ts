import { answerClaudeHook } from '../../core/agents/claude-hook';
import { type ClaudeHookEvent, parseHookInput, scanHookHead } from '../../core/agents/claude-hook-input';
import { preToolUseReply } from '../../core/agents/claude-hook-reply';
import { answerCodexNotify } from '../../core/agents/codex-notify';
import { linkAsSession } from '../../core/agents/coordinator-link';
import { readHookPolicy } from '../../core/agents/hook-policy';
import type { AgentHookContext } from '../../core/agents/status-report';
import { uncheckedWrite } from '../../core/agents/write-decision';

/** Claude Code hooks time out after 15 s (claude-settings.ts): the coordinator gets 5, the whole hook 10. */
const COORDINATOR_DEADLINE_MS = 5_000;
const WATCHDOG_MS = 10_000;
/** Beyond this the rest of stdin is drained unread; the head still names the event, tool and file. */
const MAX_INPUT_BYTES = 32 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

let finished = false;

/** Prints the answer and ends the process with 0, once: a hook never exits non-zero by accident. */
function finish(answer: string): void {
  if (finished) return;
  finished = true;
  process.stdout.on('error', () => process.exit(0));
  process.stdout.write(answer ? `${answer}\n` : '', () => process.exit(0));
}

interface Stdin {
  text: string;
  truncated: boolean;
}

function readStdin(onHead: (head: string) => void): Promise<Stdin> {
  if (process.stdin.isTTY) return Promise.resolve({ text: '', truncated: false });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    process.stdin.on('data', (chunk: Buffer) => {
      if (size < HEAD_BYTES) onHead(Buffer.concat([...chunks, chunk]).subarray(0, HEAD_BYTES).toString('utf8'));
      if (size + chunk.length > MAX_INPUT_BYTES) truncated = true;
      else chunks.push(chunk);
      size += chunk.length;
    });
    const done = () => resolve({ text: truncated ? Buffer.concat(chunks).subarray(0, HEAD_BYTES).toString('utf8') : Buffer.concat(chunks).toString('utf8'), truncated });
    process.stdin.on('end', done);
    process.stdin.on('error', done);
  });
}

function hookContext(started: number): AgentHookContext {
  return {
    policy: readHookPolicy(process.env),
    now: () => Date.now(),
    link: (credentials) => linkAsSession(credentials, started + COORDINATOR_DEADLINE_MS),
  };
}

/** What to answer when the hook itself fails or runs out of time: a guarded write is refused, anything else passes. */
function fallback(event: ClaudeHookEvent, why: string, context: AgentHookContext): string {
  return event.kind === 'write' ? preToolUseReply(uncheckedWrite(why, context.policy)) : '';
}

/** `signalbox hook claude-code`: one event on stdin, the decision on stdout, exit 0 whatever happens. */
export async function runClaudeCodeHook(): Promise<void> {
  const context = hookContext(Date.now());
  let head = '';
  const failed = (why: string) => () => finish(fallback(scanHookHead(head), why, context));
  setTimeout(failed(`the hook did not finish within ${WATCHDOG_MS / 1000} s.`), WATCHDOG_MS).unref();
  process.on('uncaughtException', failed('the hook failed unexpectedly.'));
  process.on('unhandledRejection', failed('the hook failed unexpectedly.'));
  const input = await readStdin((text) => (head = text));
  const event = input.truncated ? scanHookHead(input.text) : (parseHookInput(input.text) ?? scanHookHead(input.text.slice(0, HEAD_BYTES)));
  finish(await answerClaudeHook(event, { ...context, projectDir: process.env.CLAUDE_PROJECT_DIR }));
}

/** `signalbox hook codex '<json>'`: Codex's notify program; reports a finished turn, prints nothing. */
export async function runCodexHook(payload: string | undefined): Promise<void> {
  const context = hookContext(Date.now());
  setTimeout(() => finish(''), WATCHDOG_MS).unref();
  process.on('uncaughtException', () => finish(''));
  process.on('unhandledRejection', () => finish(''));
  await answerCodexNotify(payload, process.cwd(), context);
  finish('');
}
