import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What an agent inside a worktree needs to reach the coordinator as its own session. */
export interface SessionCredentials {
  session: string;
  token: string;
  dataDir: string;
  url: string;
}

/** Kept in the worktree's own git dir: never tracked, never in another session's reach by accident. */
export function credentialsPath(worktreeGitDir: string): string {
  return join(worktreeGitDir, 'signalbox', 'session.json');
}

export async function writeSessionCredentials(worktreeGitDir: string, credentials: SessionCredentials): Promise<void> {
  const file = credentialsPath(worktreeGitDir);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
}

export async function readSessionCredentials(worktreeGitDir: string): Promise<SessionCredentials | null> {
  try {
    return JSON.parse(await readFile(credentialsPath(worktreeGitDir), 'utf8')) as SessionCredentials;
  } catch {
    return null;
  }
}
