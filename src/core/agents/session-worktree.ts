import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { credentialsPath, type SessionCredentials } from '../board/session-credentials';

/** A working tree of some repository, found from the file system alone (a hook cannot wait for git). */
export interface WorkingTree {
  /** Top level, symlinks resolved. */
  root: string;
  /** This working tree's own git dir. */
  gitDir: string;
  /** The repository's shared git dir: the same for the main checkout and all its linked worktrees. */
  commonDir: string;
}

export interface SessionWorktree extends WorkingTree {
  credentials: SessionCredentials;
}

/**
 * The absolute path with symlinks resolved, for a path that need not exist yet (a file about to be
 * written): its nearest existing ancestor is resolved, the rest appended as given.
 */
export function realPath(path: string): string {
  let existing = resolve(path);
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return resolve(path);
    existing = parent;
  }
  return join(realpathSync(existing), relative(existing, resolve(path)));
}

function linkedGitDir(dotGit: string, top: string): string | null {
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
  if (!match) return null;
  return isAbsolute(match[1]!) ? match[1]! : resolve(top, match[1]!);
}

function commonDirOf(gitDir: string): string {
  try {
    const pointer = readFileSync(join(gitDir, 'commondir'), 'utf8').trim();
    return realPath(isAbsolute(pointer) ? pointer : resolve(gitDir, pointer));
  } catch {
    return realPath(gitDir);
  }
}

/** The working tree that contains `path` (which need not exist yet), or null outside any. */
export function enclosingWorkingTree(path: string): WorkingTree | null {
  let dir = realPath(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    const dotGit = join(dir, '.git');
    if (existsSync(dotGit)) {
      if (statSync(dotGit).isDirectory()) return { root: dir, gitDir: dotGit, commonDir: realPath(dotGit) };
      const gitDir = linkedGitDir(dotGit, dir);
      return gitDir ? { root: dir, gitDir, commonDir: commonDirOf(gitDir) } : null;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function readCredentials(gitDir: string): SessionCredentials | null {
  try {
    const value = JSON.parse(readFileSync(credentialsPath(gitDir), 'utf8')) as Partial<SessionCredentials>;
    const fields = [value.session, value.token, value.dataDir, value.url];
    return fields.every((field) => typeof field === 'string' && field !== '') ? (value as SessionCredentials) : null;
  } catch {
    return null;
  }
}

/** The Signalbox session whose worktree contains `path`: its credentials sit in that worktree's git dir. */
export function findSessionWorktree(path: string): SessionWorktree | null {
  const tree = enclosingWorkingTree(path);
  if (!tree) return null;
  const credentials = readCredentials(tree.gitDir);
  return credentials ? { ...tree, credentials } : null;
}
