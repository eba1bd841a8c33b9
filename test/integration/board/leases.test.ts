import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/board';
import { BoardStore } from '../../../src/core/board/board-store';
import { BoardError } from '../../../src/core/board/errors';
import { checkPaths, claimLeases, reassignLeases, releaseLeases } from '../../../src/core/board/leases';
import { liveLeases } from '../../../src/core/board/records';
import { newSession } from '../../../src/core/board/session-lifecycle';
import { openBoardDatabase } from '../../../src/core/db/connection';
import { makeRepo } from '../../helpers/git-fixture';
import { tempDir } from '../../helpers/signalbox-cli';

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };
let store: BoardStore;
let a: Session;
let b: Session;

function refusal(fn: () => unknown): BoardError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BoardError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  repo = await makeRepo({ files: { 'db/migrations/0001_init.sql': 'x', 'src/api/a.ts': 'a' } });
  data = tempDir('signalbox-leases-');
  store = new BoardStore(openBoardDatabase(join(data.path, 'board.sqlite')));
  const context = { dataDir: data.path, url: 'http://127.0.0.1:1' };
  a = await newSession(store, context, { repo: repo.root, title: 'Add index', owner: 'ana' }, 'lead');
  b = await newSession(
    store,
    context,
    { repo: repo.root, title: 'Tests', owner: 'ben', scope: ['src/**', 'db/**'], forbidden: ['src/secrets/**'] },
    'lead',
  );
});

afterEach(async () => {
  store.db.close();
  data.remove();
  await repo.cleanup();
});

describe('claiming leases', () => {
  it('refuses a write lease over another write lease, naming holder, owner, pattern and expiry, and grants nothing', () => {
    claimLeases(store, { session: a.id, patterns: ['db/migrations/**'], mode: 'write', ttl: '30m' }, 'lead');
    const error = refusal(() =>
      claimLeases(store, { session: b.id, patterns: ['src/api/**', 'db/migrations/0002_*.sql'], mode: 'write' }, 'lead'),
    );
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(
      new RegExp(`session ${a.id} \\("Add index", owner ana\\) holds the write lease db/migrations/\\*\\* until \\d{4}-`),
    );
    expect(error.hint).toMatch(/reassign --paths "db\/migrations\/\*\*"/);
    expect(liveLeases(store.db, b.id)).toEqual([]);
  });

  it('grants read over write with a soft-overlap warning', () => {
    claimLeases(store, { session: a.id, patterns: ['db/**'], mode: 'write' }, 'lead');
    const result = claimLeases(store, { session: b.id, patterns: ['db/migrations/0001_init.sql'], mode: 'read' }, 'lead');
    expect(result.leases).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/Soft overlap/);
  });

  it('normalises patterns and hands out monotonic fence tokens, renewing rather than duplicating', () => {
    const first = claimLeases(store, { session: a.id, patterns: ['./src//api/'], mode: 'write' }, 'lead').leases[0]!;
    expect(first.pattern).toBe('src/api/**');
    const again = claimLeases(store, { session: a.id, patterns: ['src/api/**'], mode: 'write' }, 'lead').leases[0]!;
    expect(again.id).toBe(first.id);
    expect(again.fence).toBeGreaterThan(first.fence);
    expect(liveLeases(store.db, a.id)).toHaveLength(1);
  });

  it('bumps the lease version on every renewal, so a hand-over from the old read is refused naming the renewer', () => {
    const first = claimLeases(store, { session: a.id, patterns: ['src/api/**'], mode: 'write', ttl: '10m' }, 'lead').leases[0]!;
    expect(first.version).toBe(1);
    const renewed = claimLeases(store, { session: a.id, patterns: ['src/api/**'], mode: 'write', ttl: '30m', reason: 'longer' }, `session:${a.id}`)
      .leases[0]!;
    expect(renewed).toMatchObject({ id: first.id, version: 2, reason: 'longer' });
    const error = refusal(() => reassignLeases(store, { pattern: 'src/api/**', to: b.id, confirm: true, expectVersion: 1 }, 'lead'));
    expect(error.code).toBe('stale-version');
    expect(error.message).toMatch(new RegExp(`lease ${first.id} was changed by session:${a.id} at \\d{4}-.*now version 2, you read 1`));
    expect(liveLeases(store.db, a.id)).toEqual([renewed]);
  });

  it('refuses patterns outside the repository and invalid globs, never as literals', () => {
    expect(refusal(() => claimLeases(store, { session: a.id, patterns: ['../other/**'], mode: 'write' }, 'lead')).code).toBe(
      'bad-input',
    );
    expect(refusal(() => claimLeases(store, { session: a.id, patterns: ['src/[ab'], mode: 'write' }, 'lead')).code).toBe(
      'bad-input',
    );
    expect(refusal(() => claimLeases(store, { session: a.id, patterns: ['x'], mode: 'write', ttl: 'soon' }, 'lead')).field).toBe(
      'ttl',
    );
  });

  it('stops counting an expired lease at once, without waiting for any sweeper', () => {
    claimLeases(store, { session: a.id, patterns: ['db/**'], mode: 'write', ttl: '1h' }, 'lead');
    store.db.prepare(`UPDATE lease SET expires_at = '2000-01-01T00:00:00.000Z'`).run();
    expect(claimLeases(store, { session: b.id, patterns: ['db/**'], mode: 'write' }, 'lead').leases).toHaveLength(1);
  });

  it('lets another session claim right after a release', () => {
    claimLeases(store, { session: a.id, patterns: ['db/**'], mode: 'write' }, 'lead');
    releaseLeases(store, { session: a.id, patterns: ['db/**'] }, 'lead');
    expect(claimLeases(store, { session: b.id, patterns: ['db/**'], mode: 'write' }, 'lead').leases).toHaveLength(1);
    const kinds = store.db.prepare(`SELECT kind FROM event WHERE subject LIKE 'lease:%' ORDER BY id`).pluck().all();
    expect(kinds).toEqual(['lease.granted', 'lease.released', 'lease.granted']);
  });
});

describe('check', () => {
  it('says clear, hard-collision, forbidden, out-of-scope or soft-overlap, with the holder and a next action', () => {
    const check = (path: string, mode: 'write' | 'read' = 'write') => checkPaths(store, { session: b.id, paths: [path], mode });
    expect(check('src/api/a.ts').verdict).toBe('clear');
    claimLeases(store, { session: a.id, patterns: ['db/migrations/**'], mode: 'write' }, 'lead');
    const collision = check(join(b.worktree, 'db/migrations/0002_add_index.sql'));
    expect(collision).toMatchObject({ verdict: 'hard-collision', paths: ['db/migrations/0002_add_index.sql'] });
    expect(collision.holders[0]).toMatchObject({ session: a.id, owner: 'ana', pattern: 'db/migrations/**' });
    expect(collision.nextAction).toMatch(/hand-off/);
    expect(check('db/migrations/0002_add_index.sql', 'read').verdict).toBe('soft-overlap');
    expect(check('src/secrets/key.pem').verdict).toBe('forbidden');
    expect(check('docs/readme.md')).toMatchObject({ verdict: 'out-of-scope', nextAction: expect.stringMatching(/widen/) });
  });

  it('reports a soft overlap when another session has already changed the file', () => {
    writeFileSync(join(a.worktree, 'src/api/a.ts'), 'changed by a');
    store.db.prepare(`INSERT INTO changed_path (session_id, path) VALUES (?, ?)`).run(a.id, 'src/api/a.ts');
    const verdict = checkPaths(store, { session: b.id, paths: ['src/api/a.ts'], mode: 'write' });
    expect(verdict.verdict).toBe('soft-overlap');
    expect(verdict.reason).toMatch(new RegExp(`session ${a.id} .* has changed it`));
  });

  it('refuses a path outside the worktree', () => {
    expect(refusal(() => checkPaths(store, { session: b.id, paths: ['/etc/passwd'], mode: 'write' })).code).toBe('bad-input');
  });
});

describe('reassigning a lease', () => {
  it('asks for tier-3 confirmation to take a live write lease, then moves it with an audit event', () => {
    claimLeases(store, { session: a.id, patterns: ['db/migrations/**'], mode: 'write' }, 'lead');
    const error = refusal(() => reassignLeases(store, { pattern: 'db/migrations/**', to: b.id }, 'lead'));
    expect(error.message).toMatch(/tier-3/);
    const moved = reassignLeases(store, { pattern: 'db/migrations/**', to: b.id, confirm: true }, 'lead');
    expect(moved[0]).toMatchObject({ session: b.id, pattern: 'db/migrations/**' });
    expect(liveLeases(store.db, a.id)).toEqual([]);
    const event = store.db.prepare(`SELECT actor, kind FROM event WHERE kind = 'lease.reassigned'`).get();
    expect(event).toEqual({ actor: 'lead', kind: 'lease.reassigned' });
  });

  it('of two leads who read the same lease, the second hand-over is refused as stale, naming the first, and moves nothing', async () => {
    const c = await newSession(store, { dataDir: data.path, url: 'http://127.0.0.1:1' }, { repo: repo.root, title: 'Docs', owner: 'cy' }, 'lead');
    const read = claimLeases(store, { session: a.id, patterns: ['docs/**'], mode: 'read' }, 'lead').leases[0]!;
    const seenByAna = liveLeases(store.db).find((l) => l.id === read.id)!;
    const seenByBen = liveLeases(store.db).find((l) => l.id === read.id)!;
    const moved = reassignLeases(store, { pattern: 'docs/**', to: b.id, expectVersion: seenByAna.version }, 'lead:ana');
    expect(moved).toEqual([expect.objectContaining({ id: read.id, session: b.id, version: 2 })]);
    const error = refusal(() => reassignLeases(store, { pattern: 'docs/**', to: c.id, expectVersion: seenByBen.version }, 'lead:ben'));
    expect(error.code).toBe('stale-version');
    expect(error.message).toMatch(new RegExp(`lease ${read.id} was changed by lead:ana at \\d{4}-.*now version 2, you read 1`));
    expect(error.details).toMatchObject({ changedBy: 'lead:ana', currentVersion: 2 });
    expect(liveLeases(store.db, b.id)).toEqual([expect.objectContaining({ id: read.id, version: 2 })]);
    expect(liveLeases(store.db, c.id)).toEqual([]);
    expect(reassignLeases(store, { pattern: 'docs/**', to: c.id, expectVersion: 2 }, 'lead:ben')[0]).toMatchObject({ session: c.id, version: 3 });
  });

  it('refuses the stale read before asking for tier-3 confirmation', () => {
    claimLeases(store, { session: a.id, patterns: ['src/api/**'], mode: 'write' }, 'lead');
    claimLeases(store, { session: a.id, patterns: ['src/api/**'], mode: 'write', reason: 'renewed' }, `session:${a.id}`);
    expect(refusal(() => reassignLeases(store, { pattern: 'src/api/**', to: b.id, expectVersion: 1 }, 'lead')).code).toBe('stale-version');
  });

  it('refuses a hand-over of a lease released and claimed again since it was read, though the new lease is at the same version', async () => {
    const c = await newSession(store, { dataDir: data.path, url: 'http://127.0.0.1:1' }, { repo: repo.root, title: 'Docs', owner: 'cy' }, 'lead');
    const seen = claimLeases(store, { session: a.id, patterns: ['docs/**'], mode: 'write' }, 'lead').leases[0]!;
    releaseLeases(store, { session: a.id, patterns: ['docs/**'] }, `session:${a.id}`);
    const now = claimLeases(store, { session: b.id, patterns: ['docs/**'], mode: 'write' }, `session:${b.id}`).leases[0]!;
    expect(now.version).toBe(seen.version);
    const error = refusal(() => reassignLeases(store, { pattern: 'docs/**', to: c.id, confirm: true, expectLease: seen.id, expectVersion: seen.version }, 'lead'));
    expect(error.code).toBe('stale-version');
    expect(error.message).toContain(`you read ${seen.id}, now ${now.id} of ${b.id}`);
    expect(error.details).toMatchObject({ changedBy: `session:${b.id}` });
    expect(liveLeases(store.db, b.id)).toEqual([expect.objectContaining({ id: now.id, version: 1 })]);
    expect(liveLeases(store.db, c.id)).toEqual([]);
    // The lease the caller names is the one that moves.
    expect(reassignLeases(store, { pattern: 'docs/**', to: c.id, confirm: true, expectLease: now.id, expectVersion: 1 }, 'lead')[0]).toMatchObject({
      id: now.id,
      session: c.id,
    });
  });

  it('refuses an expected version for a pattern several sessions hold, naming each lease, and moves nothing', async () => {
    const c = await newSession(store, { dataDir: data.path, url: 'http://127.0.0.1:1' }, { repo: repo.root, title: 'Docs', owner: 'cy' }, 'lead');
    const fromA = claimLeases(store, { session: a.id, patterns: ['docs/**'], mode: 'read' }, 'lead').leases[0]!;
    const fromB = claimLeases(store, { session: b.id, patterns: ['docs/**'], mode: 'read' }, 'lead').leases[0]!;
    const error = refusal(() => reassignLeases(store, { pattern: 'docs/**', to: c.id, expectVersion: 1 }, 'lead'));
    expect(error.code).toBe('bad-input');
    expect(error.message).toContain(`${a.id}: lease ${fromA.id} v1`);
    expect(error.message).toContain(`${b.id}: lease ${fromB.id} v1`);
    expect(liveLeases(store.db, c.id)).toEqual([]);
  });

  it('records the release of the receiver’s own read lease that the moved lease replaces', () => {
    claimLeases(store, { session: a.id, patterns: ['docs/**'], mode: 'write' }, 'lead');
    const own = claimLeases(store, { session: b.id, patterns: ['docs/**'], mode: 'read' }, 'lead').leases[0]!;
    reassignLeases(store, { pattern: 'docs/**', to: b.id, confirm: true }, 'lead');
    expect(liveLeases(store.db, b.id)).toEqual([expect.objectContaining({ pattern: 'docs/**', mode: 'write' })]);
    const released = store.db.prepare(`SELECT subject FROM event WHERE kind = 'lease.released'`).pluck().all();
    expect(released).toEqual([`lease:${own.id}`]);
  });
});
