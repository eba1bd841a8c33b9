import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { OperationInput, SessionEndResult } from '../../shared/api';
import type { Repo, Session } from '../../shared/board';
import {
  addWorktree,
  commitsNotIn,
  deleteBranch,
  detectProtectedBranch,
  isValidBranchName,
  patchSince,
  pruneWorktrees,
  removeWorktree,
  resolveRepository,
  revParse,
  worktreeGitDir,
  worktreeState,
} from '../git';
import { prepareAgentWorktree } from '../agents/agent-worktree';
import { normalisePattern } from '../conflicts/pattern';
import { expireApprovalsIfMovedOn } from './approvals';
import type { BoardStore, WriteContext } from './board-store';
import { type LeaseRow, toLease } from './records';
import { nextCounter } from './clock';
import { BadInputError, RefusedError } from './errors';
import { findRepo, getRepo, insertRepo } from './repos';
import { readSession } from './session-record';
import { getSessionRow, insertSession, toSession } from './sessions';
import { slugify } from './slug';
import { writeSessionCredentials } from './session-credentials';
import { prepared } from '../db/prepared';

/** A repository as it would be registered, read from git; nothing is written yet. */
type RepoPlan = Omit<Repo, 'id' | 'version'>;

async function planRepo(root: string, input: OperationInput<'repo.add'>): Promise<RepoPlan> {
  const protectedBranch = input.protectedBranch ?? (await detectProtectedBranch(root));
  await revParse(root, protectedBranch);
  const worktreeRoot = input.worktreeRoot ?? join(dirname(root), `${basename(root)}-worktrees`);
  return { path: root, protectedBranch, worktreeRoot, gateCommand: input.gate ?? null };
}

/** Registers a planned repository inside the caller's write, unless someone registered it meanwhile. */
function registerRepo(tx: WriteContext, plan: RepoPlan, actor: string): Repo {
  const again = findRepo(tx.db, plan.path);
  if (again) return again;
  const repo = insertRepo(tx.db, { id: `r${nextCounter(tx.db, 'repo')}`, ...plan }, actor);
  tx.record({ actor, kind: 'repo.added', subject: `repo:${repo.id}`, after: repo });
  return repo;
}

/** Registers a repository; adding the same repository again returns the existing record. */
export async function addRepo(store: BoardStore, input: OperationInput<'repo.add'>, actor: string): Promise<Repo> {
  const { root } = await resolveRepository(input.path);
  const existing = findRepo(store.db, root);
  if (existing) return existing;
  const plan = await planRepo(root, input);
  return store.write((tx) => registerRepo(tx, plan, actor));
}

/** The registered repository `idOrPath` names, or what registering it would record. */
async function repoFor(store: BoardStore, idOrPath: string): Promise<Repo | RepoPlan> {
  const known = findRepo(store.db, idOrPath);
  if (known) return known;
  const { root } = await resolveRepository(idOrPath);
  return findRepo(store.db, root) ?? (await planRepo(root, { path: root }));
}

export interface SessionContext {
  dataDir: string;
  url: string;
}

export function normalisePatterns(patterns: string[] | undefined, field: string): string[] {
  return (patterns ?? []).map((pattern) => {
    try {
      return normalisePattern(pattern);
    } catch (error) {
      throw new BadInputError((error as Error).message, field);
    }
  });
}

/** Creates the session's branch and worktree from its base, then its execution record. */
export async function newSession(
  store: BoardStore,
  context: SessionContext,
  input: OperationInput<'session.new'>,
  actor: string,
): Promise<Session> {
  const title = input.title.trim();
  if (!title) throw new BadInputError('A session needs a title.', 'title');
  const scope = normalisePatterns(input.scope, 'scope');
  const forbidden = normalisePatterns(input.forbidden, 'forbidden');
  // Everything is checked before anything is written: bad input registers no repository either.
  const repo = await repoFor(store, input.repo);
  const baseCommit = await revParse(repo.path, input.base ?? repo.protectedBranch);
  if (input.branch !== undefined && !(await isValidBranchName(repo.path, input.branch))) {
    throw new BadInputError(`"${input.branch}" is not a valid branch name.`, 'branch', 'Use letters, digits, / - _ . and no spaces.');
  }

  const id = `s${store.write((tx) => nextCounter(tx.db, 'session'))}`;
  const slug = slugify(title);
  const name = slug ? `${id}-${slug}` : id;
  const branch = input.branch ?? `signalbox/${name}`;
  const worktree = join(repo.worktreeRoot, name);
  await mkdir(repo.worktreeRoot, { recursive: true });
  await addWorktree(repo.path, { path: worktree, branch, base: baseCommit, createBranch: true });

  try {
    const token = randomBytes(32).toString('hex');
    const gitDir = await worktreeGitDir(worktree);
    await writeSessionCredentials(gitDir, { session: id, token, ...context });
    await prepareAgentWorktree(worktree, gitDir, input.agent ?? 'other');
    return store.write((tx) => {
      const registered = 'id' in repo ? repo : registerRepo(tx, repo, actor);
      const row = insertSession(
        tx.db,
        {
          id,
          title,
          owner: input.owner ?? 'lead',
          agent: input.agent ?? 'other',
          repoId: registered.id,
          worktree,
          branch,
          baseCommit,
          objective: input.objective ?? '',
          scope,
          forbidden,
          escalation: input.escalation ?? null,
          cadenceMinutes: input.cadenceMinutes ?? null,
          priority: input.priority ?? 0,
          tokenHash: hashToken(token),
        },
        actor,
      );
      const session = toSession(row, store.flagContext());
      tx.record({ actor, kind: 'session.created', subject: `session:${id}`, after: session });
      return session;
    });
  } catch (error) {
    await removeWorktree(repo.path, worktree, { force: true }).catch(() => undefined);
    await deleteBranch(repo.path, branch).catch(() => undefined);
    throw error;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Ends a session. Work is never lost by accident: removing a worktree that holds uncommitted
 * or unmerged work needs --preserve-diff (a patch is written first) or an explicit --force.
 */
export async function endSession(
  store: BoardStore,
  dataDir: string,
  input: OperationInput<'session.end'>,
  actor: string,
): Promise<SessionEndResult> {
  const row = getSessionRow(store.db, input.id);
  const repo = getRepo(store.db, row.repo_id);
  const present = existsSync(row.worktree);

  if (input.removeWorktree && present && !input.preserveDiff && !input.force) {
    const state = await worktreeState(row.worktree);
    const unmerged = await commitsNotIn(repo.path, row.branch, repo.protectedBranch);
    if (state.dirty || unmerged > 0) {
      const what = [
        state.dirty ? `${state.entries.length} uncommitted file(s)` : '',
        unmerged > 0 ? `${unmerged} commit(s) not on ${repo.protectedBranch}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      throw new RefusedError(
        `Session ${row.id} has ${what} in ${row.worktree}; the worktree was not removed.`,
        'Pass --preserve-diff to save the work as a patch first, or --force to discard it.',
        { session: row.id, dirtyFiles: state.entries.length, unmergedCommits: unmerged },
      );
    }
  }

  let patchPath: string | null = null;
  if (input.preserveDiff && present) {
    const patch = await patchSince(row.worktree, row.base_commit);
    const folder = join(dataDir, 'preserved');
    await mkdir(folder, { recursive: true });
    patchPath = join(folder, `${row.id}-${new Date().toISOString().replace(/[:.]/g, '-')}.patch`);
    await writeFile(patchPath, patch);
  }

  let worktreeRemoved = false;
  if (input.removeWorktree) {
    if (present) await removeWorktree(repo.path, row.worktree, { force: true });
    else await pruneWorktrees(repo.path);
    worktreeRemoved = true;
  }

  const session = store.write((tx) => {
    const before = readSession(store, row.id);
    prepared(tx.db, 
        `UPDATE session SET status = 'completed', blocker_text = NULL, blocker_since = NULL,
           ended_at = coalesce(ended_at, strftime('%Y-%m-%dT%H:%M:%fZ','now')),
           version = version + 1, updated_by = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
         WHERE id = ?`,
      )
      .run(actor, row.id);
    const leases = prepared(tx.db, `DELETE FROM lease WHERE session_id = ? RETURNING *`).all(row.id) as LeaseRow[];
    for (const lease of leases) {
      tx.record({ actor, kind: 'lease.released', subject: `lease:${lease.id}`, before: toLease(lease), after: null });
    }
    const after = readSession(store, row.id);
    expireApprovalsIfMovedOn(tx, before, after, actor);
    tx.record({ actor, kind: 'session.ended', subject: `session:${row.id}`, before, after: { ...after, patchPath, worktreeRemoved } });
    return after;
  });
  return { session, patchPath, worktreeRemoved };
}
