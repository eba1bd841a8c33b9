/**
 * The process entry of `signalbox`. A Claude Code hook runs before every file write the agent
 * makes, so `hook claude-code` and `hook codex` take a path that loads only the hook — no
 * commander, zod, git or SQLite. Every other command loads the full command line.
 */
import { runClaudeCodeHook, runCodexHook } from './agents/run-agent-hook';

const [command, agent, payload] = process.argv.slice(2);
if (command === 'hook' && agent === 'claude-code') await runClaudeCodeHook();
else if (command === 'hook' && agent === 'codex') await runCodexHook(payload);
else await import('./main');
