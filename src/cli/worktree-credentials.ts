import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { SessionCredentials } from '../core/board/session-credentials';
import { credentialsPath } from '../core/board/session-credentials';

/**
 * Finds the session that owns the worktree around `cwd` without spawning git: a linked worktree
 * has a `.git` file pointing at its own git dir, where `session new` left the credentials.
 */
export function findWorktreeCredentials(cwd: string): SessionCredentials | null {
  let dir = resolve(cwd);
  for (;;) {
    const dotGit = join(dir, '.git');
    if (existsSync(dotGit)) {
      if (!statSync(dotGit).isFile()) return null;
      const match = /^gitdir:\s*(.+)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
      if (!match) return null;
      const gitDir = isAbsolute(match[1]!) ? match[1]! : resolve(dir, match[1]!);
      try {
        return JSON.parse(readFileSync(credentialsPath(gitDir), 'utf8')) as SessionCredentials;
      } catch {
        return null;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
