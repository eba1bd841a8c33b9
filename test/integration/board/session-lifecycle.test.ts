import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoardStore } from '../../../src/core/board/board-store';
import { BoardError, StaleVersionError } from '../../../src/core/board/errors';
import { credentialsPath } from '../../../src/core/board/session-credentials';
import { readSession, readSessions } from '../../../src/core/board/session-record';
import { addRepo, endSession, newSession } from '../../../src/core/board/session-lifecycle';
import { pauseSession, resumeSession, setStatus, updateSession } from '../../../src/core/board/session-steering';
import { openBoardDatabase } from '../../../src/core/db/connection';
import { makeRepo } from '../../helpers/git-fixture';
import { tempDir } from '../../helpers/signalbox-cli';

type Repo = Awaited<ReturnType<typeof makeRepo>>;

let repo: Repo;
let data: { path: string; remove(): void };
let store: BoardStore;
const context = () => ({ dataDir: data.path, url: 'http://127.0.0.1:1' });

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

beforeEach(async () => {
  repo = await makeRepo({ files: { 'src/a.ts': 'a\n', 'README.md': 'hi\n' } });
  data = tempDir('signalbox-data-');
  store = new BoardStore(openBoardDatabase(join(data.path, 'board.sqlite')));
});

afterEach(async () => {
  store.db.close();
  data.remove();
  await repo.cleanup();
});

describe('repositories', () => {
  it('registers a repository and detects its protected branch', async () => {
    const added = await addRepo(store, { path: repo.root }, 'lead');
    expect(added.protectedBranch).toBe('main');
    expect(added.worktreeRoot.endsWith('-worktrees')).toBe(true);
    expect(await addRepo(store, { path: join(repo.root, 'src') }, 'lead')).toEqual(added);
  });

  it('refuses a folder that is not a git repository with a clear message', async () => {
    const plain = tempDir('signalbox-plain-');
    await expect(addRepo(store, { path: plain.path }, 'lead')).rejects.toThrow(/is not inside a git repository/);
    plain.remove();
    expect(store.db.prepare('SELECT count(*) FROM repo').pluck().get()).toBe(0);
  });
});

describe('sessions with real worktrees', () => {
  it('creates a branch and a worktree from the base, and records the base commit', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'Add search', scope: ['./src/api/'] }, 'lead');
    expect(existsSync(join(session.worktree, 'src/a.ts'))).toBe(true);
    expect(session.baseCommit).toBe(git(repo.root, 'rev-parse', 'main').trim());
    expect(git(session.worktree, 'branch', '--show-current').trim()).toBe(session.branch);
    expect(session.scope).toEqual(['src/api/**']);
    expect(session.status).toBe('active');
    const created = store.db.prepare(`SELECT kind FROM event WHERE subject = ?`).pluck().all(`session:${session.id}`);
    expect(created).toEqual(['session.created']);
  });

  it('writes the session token where only the user can read it, in the worktree’s own git dir', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'Secret' }, 'lead');
    const gitDir = git(session.worktree, 'rev-parse', '--absolute-git-dir').trim();
    const file = credentialsPath(gitDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ session: session.id, token: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(git(session.worktree, 'status', '--porcelain', '--ignored')).not.toMatch(/session\.json/);
  });

  it('accepts titles with spaces and unicode, and repo paths with spaces', async () => {
    const spaced = await makeRepo({ files: { 'a.txt': 'a' }, folderName: 'my repo é' });
    try {
      const session = await newSession(store, context(), { repo: spaced.root, title: 'Réparer   le “panier” 🛒' }, 'lead');
      expect(session.title).toBe('Réparer   le “panier” 🛒');
      expect(existsSync(join(session.worktree, 'a.txt'))).toBe(true);
      expect(session.branch).toMatch(/^signalbox\/s\d+-reparer-le-panier$/);
    } finally {
      await spaced.cleanup();
    }
  });

  it('refuses an unknown base ref and changes nothing', async () => {
    await addRepo(store, { path: repo.root }, 'lead');
    const branchesBefore = git(repo.root, 'branch', '--list');
    await expect(newSession(store, context(), { repo: repo.root, title: 'x', base: 'no-such-ref' }, 'lead')).rejects.toThrow(
      /no-such-ref/,
    );
    expect(git(repo.root, 'branch', '--list')).toBe(branchesBefore);
    expect(readSessions(store)).toEqual([]);
  });

  it('refuses an unknown base ref for a repository not yet registered, registering nothing and writing no event', async () => {
    await expect(newSession(store, context(), { repo: repo.root, title: 'x', base: 'no-such-ref' }, 'lead')).rejects.toThrow(/no-such-ref/);
    expect(store.db.prepare('SELECT count(*) FROM repo').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM event').pluck().get()).toBe(0);
    await expect(newSession(store, context(), { repo: repo.root, title: 'x', branch: 'two words' }, 'lead')).rejects.toThrow(/branch name/);
    expect(store.db.prepare('SELECT count(*) FROM repo').pluck().get()).toBe(0);
  });

  it('refuses a branch that is already checked out elsewhere and changes nothing', async () => {
    git(repo.root, 'branch', 'taken');
    const elsewhere = join(data.path, 'elsewhere');
    git(repo.root, 'worktree', 'add', elsewhere, 'taken');
    const worktreesBefore = git(repo.root, 'worktree', 'list', '--porcelain');
    await expect(newSession(store, context(), { repo: repo.root, title: 'x', branch: 'taken' }, 'lead')).rejects.toThrow(
      /taken.*checked out|checked out.*taken/i,
    );
    expect(git(repo.root, 'worktree', 'list', '--porcelain')).toBe(worktreesBefore);
    expect(readSessions(store)).toEqual([]);
  });

  it('refuses an invalid branch name as bad input, not a failure', async () => {
    await expect(newSession(store, context(), { repo: repo.root, title: 'x', branch: 'two words' }, 'lead')).rejects.toMatchObject({
      code: 'bad-input',
      field: 'branch',
    });
    expect(readSessions(store)).toEqual([]);
  });

  it('refuses an invalid scope glob before creating anything', async () => {
    await expect(newSession(store, context(), { repo: repo.root, title: 'x', scope: ['src/[a'] }, 'lead')).rejects.toThrow(
      BoardError,
    );
    expect(git(repo.root, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });
});

describe('no silent overwrite of the board', () => {
  it('applies exactly one of two updates read at the same version and names who won', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'x' }, 'lead');
    updateSession(store, { id: session.id, expectVersion: session.version, fields: { objective: 'by the agent' } }, `session:${session.id}`);
    let refused: unknown;
    try {
      updateSession(store, { id: session.id, expectVersion: session.version, fields: { objective: 'by the lead' } }, 'lead');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(StaleVersionError);
    expect((refused as Error).message).toMatch(new RegExp(`changed by session:${session.id} at \\d{4}-`));
    expect(readSession(store, session.id).objective).toBe('by the agent');
  });

  it('refuses a session changing its own contract, changing nothing; the lead can', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'x', scope: ['src/**'] }, 'lead');
    const eventsBefore = store.db.prepare('SELECT count(*) FROM event').pluck().get();
    const contract = [
      { scope: ['**'] },
      { forbidden: [] },
      { owner: 'me' },
      { escalation: 'nobody' },
      { cadenceMinutes: null },
      { priority: 99 },
    ];
    for (const fields of contract) {
      expect(() =>
        updateSession(store, { id: session.id, expectVersion: session.version, fields: { title: 'renamed', ...fields } }, `session:${session.id}`),
      ).toThrow(expect.objectContaining({ code: 'refused', message: expect.stringMatching(/the lead must do it/) }));
    }
    expect(readSession(store, session.id)).toMatchObject({ title: 'x', scope: ['src/**'], owner: 'lead', priority: 0, version: session.version });
    expect(store.db.prepare('SELECT count(*) FROM event').pluck().get()).toBe(eventsBefore);

    const own = updateSession(store, { id: session.id, expectVersion: session.version, fields: { title: 'renamed', objective: 'ship it' } }, `session:${session.id}`);
    expect(own).toMatchObject({ title: 'renamed', objective: 'ship it' });
    const led = updateSession(store, { id: session.id, expectVersion: own.version, fields: { scope: ['src/api/**'], priority: 4, owner: 'ana' } }, 'lead');
    expect(led).toMatchObject({ scope: ['src/api/**'], priority: 4, owner: 'ana', updatedBy: 'lead' });
  });

  it('pauses and resumes with an audit event each, and a blocked status carries its blocker', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'x' }, 'lead');
    setStatus(store, { session: session.id, status: 'blocked', blocker: 'permission prompt: rm -rf?' }, `session:${session.id}`);
    expect(readSession(store, session.id).blocker?.text).toBe('permission prompt: rm -rf?');
    pauseSession(store, { id: session.id }, 'lead');
    expect(readSession(store, session.id).status).toBe('paused');
    resumeSession(store, { id: session.id }, 'lead');
    const after = readSession(store, session.id);
    expect(after.status).toBe('active');
    expect(after.blocker).toBeNull();
    const kinds = store.db.prepare(`SELECT kind FROM event WHERE subject = ? ORDER BY id`).pluck().all(`session:${session.id}`);
    expect(kinds).toEqual(['session.created', 'session.status', 'session.paused', 'session.resumed']);
  });
});

describe('ending a session never loses work', () => {
  it('refuses to remove a worktree with uncommitted work, and keeps it', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'x' }, 'lead');
    writeFileSync(join(session.worktree, 'src/a.ts'), 'changed\n');
    await expect(endSession(store, data.path, { id: session.id, removeWorktree: true }, 'lead')).rejects.toMatchObject({
      message: expect.stringMatching(/has 1 uncommitted file/),
      hint: expect.stringMatching(/--preserve-diff .* or --force/),
    });
    expect(readFileSync(join(session.worktree, 'src/a.ts'), 'utf8')).toBe('changed\n');
    expect(readSession(store, session.id).endedAt).toBeNull();
  });

  it('refuses to remove a worktree whose commits are not merged', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'x' }, 'lead');
    writeFileSync(join(session.worktree, 'new.txt'), 'n\n');
    git(session.worktree, 'add', '-A');
    git(session.worktree, 'commit', '--no-verify', '-qm', 'work'); // no coordinator runs here for the guard to ask
    await expect(endSession(store, data.path, { id: session.id, removeWorktree: true }, 'lead')).rejects.toThrow(
      /1 commit\(s\) not on main/,
    );
    expect(existsSync(session.worktree)).toBe(true);
  });

  it('with --preserve-diff writes a patch covering committed, unstaged and untracked work, then removes', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'x' }, 'lead');
    writeFileSync(join(session.worktree, 'committed.txt'), 'c\n');
    git(session.worktree, 'add', '-A');
    git(session.worktree, 'commit', '--no-verify', '-qm', 'work'); // no coordinator runs here for the guard to ask
    writeFileSync(join(session.worktree, 'src/a.ts'), 'unstaged\n');
    mkdirSync(join(session.worktree, 'fresh'));
    writeFileSync(join(session.worktree, 'fresh/untracked.txt'), 'u\n');
    const result = await endSession(store, data.path, { id: session.id, removeWorktree: true, preserveDiff: true }, 'lead');
    expect(result.worktreeRemoved).toBe(true);
    expect(existsSync(session.worktree)).toBe(false);
    const patch = readFileSync(result.patchPath!, 'utf8');
    expect(patch).toContain('committed.txt');
    expect(patch).toContain('+unstaged');
    expect(patch).toContain('fresh/untracked.txt');
    const check = join(data.path, 'check');
    git(repo.root, 'worktree', 'add', '--detach', check, session.baseCommit);
    execFileSync('git', ['apply', result.patchPath!], { cwd: check });
    expect(readFileSync(join(check, 'fresh/untracked.txt'), 'utf8')).toBe('u\n');
    expect(result.session.status).toBe('completed');
  });

  it('with --force removes even with work, as an explicit choice', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'x' }, 'lead');
    writeFileSync(join(session.worktree, 'src/a.ts'), 'changed\n');
    const result = await endSession(store, data.path, { id: session.id, removeWorktree: true, force: true }, 'lead');
    expect(result.worktreeRemoved).toBe(true);
    expect(existsSync(session.worktree)).toBe(false);
  });

  it('shows a worktree deleted by hand as a flag, and can still end the session', async () => {
    const session = await newSession(store, context(), { repo: repo.root, title: 'x' }, 'lead');
    rmSync(session.worktree, { recursive: true, force: true });
    expect(readSession(store, session.id).flags).toContain('worktree-missing');
    const result = await endSession(store, data.path, { id: session.id, removeWorktree: true }, 'lead');
    expect(result.session.status).toBe('completed');
    expect(git(repo.root, 'worktree', 'list')).not.toContain(session.worktree);
  });
});
