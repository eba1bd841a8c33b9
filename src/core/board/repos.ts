import type { Repo } from '../../shared/board';
import type { BoardDatabase } from '../db/connection';
import { NotFoundError } from './errors';
import { prepared } from '../db/prepared';

interface RepoRow {
  id: string;
  path: string;
  protected_branch: string;
  worktree_root: string;
  gate_command: string | null;
  version: number;
}

function toRepo(row: RepoRow): Repo {
  return {
    id: row.id,
    path: row.path,
    protectedBranch: row.protected_branch,
    worktreeRoot: row.worktree_root,
    gateCommand: row.gate_command,
    version: row.version,
  };
}

export function insertRepo(db: BoardDatabase, repo: Omit<Repo, 'version'>, actor: string): Repo {
  const row = prepared(db, 
      `INSERT INTO repo (id, path, protected_branch, worktree_root, gate_command, updated_by)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(repo.id, repo.path, repo.protectedBranch, repo.worktreeRoot, repo.gateCommand, actor) as RepoRow;
  return toRepo(row);
}

export function listRepos(db: BoardDatabase): Repo[] {
  return (prepared(db, `SELECT * FROM repo ORDER BY created_at`).all() as RepoRow[]).map(toRepo);
}

export function findRepo(db: BoardDatabase, idOrPath: string): Repo | null {
  const row = prepared(db, `SELECT * FROM repo WHERE id = ? OR path = ?`).get(idOrPath, idOrPath) as RepoRow | undefined;
  return row ? toRepo(row) : null;
}

export function getRepo(db: BoardDatabase, idOrPath: string): Repo {
  const repo = findRepo(db, idOrPath);
  if (!repo) throw new NotFoundError('repo', idOrPath, 'Register it first with `signalbox repo add PATH`.');
  return repo;
}
