import type { CheckVerdict, CheckVerdictKind, ClaimResult, Lease, LeaseHolder, LeaseMode } from '../../shared/board';
import { normalisePattern, normaliseRepoPath, patternMatches } from '../conflicts/pattern';
import { patternBase, patternsOverlap } from '../conflicts/pattern-overlap';
import type { BoardDatabase } from '../db/connection';
import type { BoardStore } from './board-store';
import { nextCounter } from './clock';
import { BadInputError, NotFoundError, RefusedError, StaleVersionError } from './errors';
import { parseTtl } from './lease-duration';
import { LIVE_LEASE, type LeaseRow, toLease } from './records';
import { getSessionRow, type SessionRow } from './sessions';
import { prepared } from '../db/prepared';
import { refuseStale, updateVersioned } from './versioned-update';

interface HolderRow extends LeaseRow {
  owner: string;
  title: string;
}

function toHolder(row: HolderRow): LeaseHolder {
  return { session: row.session_id, owner: row.owner, title: row.title, pattern: row.pattern, mode: row.mode, expiresAt: row.expires_at };
}

const LIVE = LIVE_LEASE.replaceAll('expires_at', 'l.expires_at');

/** `base` can hold a path under `other` or the other way round, folder-wise. */
const BASES_MEET = (other: string) =>
  `(l.base = '' OR ${other} = '' OR l.base = ${other}
    OR substr(${other}, 1, length(l.base) + 1) = l.base || '/'
    OR substr(l.base, 1, length(${other}) + 1) = ${other} || '/')`;

/**
 * Live leases of the other live sessions on the same repository whose literal folders meet
 * `base` — the only ones that can overlap a pattern or path under it.
 */
function othersLeases(db: BoardDatabase, session: SessionRow, base: string): HolderRow[] {
  return prepared(
    db,
    `SELECT l.*, s.owner, s.title FROM lease l JOIN session s ON s.id = l.session_id
     WHERE s.repo_id = @repo AND s.id != @session AND s.ended_at IS NULL AND ${LIVE} AND ${BASES_MEET('@base')}
     ORDER BY l.fence`,
  ).all({ repo: session.repo_id, session: session.id, base }) as HolderRow[];
}

function describeHolder(h: LeaseHolder): string {
  return `session ${h.session} ("${h.title}", owner ${h.owner}) holds the ${h.mode} lease ${h.pattern}${h.expiresAt ? ` until ${h.expiresAt}` : ''}`;
}

function liveSession(db: BoardDatabase, id: string): SessionRow {
  const session = getSessionRow(db, id);
  if (session.ended_at) throw new RefusedError(`Session ${id} has ended; it holds no leases.`, 'Start a new session for new work.');
  return session;
}

function normaliseAll(patterns: string[]): string[] {
  return [...new Set(patterns.map((pattern) => {
    try {
      return normalisePattern(pattern);
    } catch (error) {
      throw new BadInputError((error as Error).message, 'patterns');
    }
  }))];
}

export interface ClaimInput {
  session: string;
  patterns: string[];
  mode: LeaseMode;
  ttl?: string;
  reason?: string;
}

/**
 * All-or-nothing: either every pattern is granted in one immediate transaction, or none is and
 * the refusal names each holder. Write meets write is refused; read meets write is granted with a warning.
 */
export function claimLeases(store: BoardStore, input: ClaimInput, actor: string): ClaimResult {
  const patterns = normaliseAll(input.patterns);
  const ttlSeconds = input.ttl ? parseTtl(input.ttl) : null;
  return store.write((tx) => {
    const session = liveSession(tx.db, input.session);
    const collisions: LeaseHolder[] = [];
    const warnings: string[] = [];
    for (const pattern of patterns) {
      for (const other of othersLeases(tx.db, session, patternBase(pattern))) {
        if (!patternsOverlap(pattern, other.pattern)) continue;
        if (input.mode === 'write' && other.mode === 'write') collisions.push(toHolder(other));
        else if (input.mode === 'write' || other.mode === 'write') {
          warnings.push(`${pattern} overlaps: ${describeHolder(toHolder(other))}. Soft overlap: sequence the merges.`);
        }
      }
    }
    if (collisions.length) {
      const first = collisions[0]!;
      throw new RefusedError(
        `Nothing was claimed: ${collisions.map(describeHolder).join('; ')}.`,
        `Work elsewhere, wait for the release, or ask the lead to hand it over (signalbox reassign --paths "${first.pattern}" --to ${session.id}).`,
        { holders: collisions },
      );
    }
    const leases: Lease[] = [];
    for (const pattern of patterns) {
      const fence = nextCounter(tx.db, 'fence');
      const expires = ttlSeconds === null ? null : `+${ttlSeconds} seconds`;
      const existing = prepared(tx.db, `SELECT * FROM lease WHERE session_id = ? AND pattern = ?`)
        .get(session.id, pattern) as LeaseRow | undefined;
      const row = (
        existing
          ? prepared(tx.db, 
                `UPDATE lease SET mode = ?, reason = ?, fence = ?,
                   expires_at = CASE WHEN ? IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ','now', ?) END,
                   version = version + 1, updated_by = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
                 WHERE id = ? RETURNING *`,
              )
              .get(input.mode, input.reason ?? existing.reason, fence, expires, expires, actor, existing.id)
          : prepared(tx.db, 
                `INSERT INTO lease (id, session_id, pattern, base, mode, reason, fence, expires_at, updated_by, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, CASE WHEN ? IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ','now', ?) END,
                   ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                 RETURNING *`,
              )
              .get(`l${fence}`, session.id, pattern, patternBase(pattern), input.mode, input.reason ?? null, fence, expires, expires, actor)
      ) as LeaseRow;
      const lease = toLease(row);
      tx.record({ actor, kind: 'lease.granted', subject: `lease:${lease.id}`, before: existing ? toLease(existing) : null, after: lease });
      leases.push(lease);
    }
    return { leases, warnings };
  });
}

export function releaseLeases(
  store: BoardStore,
  input: { session: string; patterns?: string[]; all?: boolean },
  actor: string,
): Lease[] {
  if (!input.all && !input.patterns?.length) throw new BadInputError('Name the patterns to release, or pass --all.', 'patterns');
  const patterns = input.all ? null : normaliseAll(input.patterns!);
  return store.write((tx) => {
    getSessionRow(tx.db, input.session);
    const rows = (prepared(tx.db, `SELECT * FROM lease WHERE session_id = ?`).all(input.session) as LeaseRow[]).filter(
      (row) => patterns === null || patterns.includes(row.pattern),
    );
    const remove = prepared(tx.db, `DELETE FROM lease WHERE id = ?`);
    for (const row of rows) {
      remove.run(row.id);
      tx.record({ actor, kind: 'lease.released', subject: `lease:${row.id}`, before: toLease(row), after: null });
    }
    return rows.map(toLease);
  });
}

const RANK: Record<CheckVerdictKind, number> = {
  'clear': 0,
  'out-of-scope': 1,
  'soft-overlap': 2,
  'forbidden': 3,
  'hard-collision': 4,
};

interface PathVerdict {
  verdict: CheckVerdictKind;
  path: string;
  holders: LeaseHolder[];
  reason: string;
  nextAction: string;
}

/** The interlocking's answer for one session about to touch `paths` (absolute in its worktree, or repo-relative). */
export function checkPaths(
  store: BoardStore,
  input: { session: string; paths: string[]; mode: LeaseMode },
): CheckVerdict {
  const db = store.db;
  const session = liveSession(db, input.session);
  const paths = input.paths.map((path) => {
    try {
      return normaliseRepoPath(path, session.worktree);
    } catch (error) {
      throw new BadInputError((error as Error).message, 'paths');
    }
  });
  const scope = JSON.parse(session.scope) as string[];
  const forbidden = JSON.parse(session.forbidden) as string[];
  const changedBy = prepared(db, 
    `SELECT c.session_id, s.owner, s.title FROM changed_path c JOIN session s ON s.id = c.session_id
     WHERE c.path = ? AND s.repo_id = ? AND s.id != ? AND s.ended_at IS NULL`,
  );
  const escalation = session.escalation ?? 'the lead';

  const verdicts: PathVerdict[] = paths.map((path) => {
    const forbiddenBy = forbidden.find((glob) => patternMatches(glob, path));
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const holders = othersLeases(db, session, folder)
      .filter((other) => patternMatches(other.pattern, path))
      .map(toHolder);
    const writers = holders.filter((h) => h.mode === 'write');
    if (input.mode === 'write' && writers.length) {
      const h = writers[0]!;
      return {
        verdict: 'hard-collision',
        path,
        holders: writers,
        reason: `${path} is inside the write lease ${h.pattern} of session ${h.session} ("${h.title}", owner ${h.owner})${h.expiresAt ? ` until ${h.expiresAt}` : ''}.`,
        nextAction: `Do not edit it. Ask the lead for a hand-off (signalbox reassign --paths "${h.pattern}" --to ${session.id}), or work elsewhere.`,
      };
    }
    if (input.mode === 'write' && forbiddenBy) {
      return {
        verdict: 'forbidden',
        path,
        holders: [],
        reason: `${path} is in this session's forbidden area (${forbiddenBy}).`,
        nextAction: `Leave it alone; ask ${escalation} to change the session's contract if it must change.`,
      };
    }
    const editors = changedBy.all(path, session.repo_id, session.id) as { session_id: string; owner: string; title: string }[];
    if (writers.length || (input.mode === 'write' && holders.length) || editors.length) {
      const who = [
        ...holders.map(describeHolder),
        ...editors.map((e) => `session ${e.session_id} ("${e.title}", owner ${e.owner}) has changed it`),
      ];
      return {
        verdict: 'soft-overlap',
        path,
        holders,
        reason: `${path}: ${who.join('; ')}.`,
        nextAction: `Go ahead with care: keep the change small and sequence the merge after ${[...new Set([...holders.map((h) => h.session), ...editors.map((e) => e.session_id)])].join(', ')}.`,
      };
    }
    if (input.mode === 'write' && scope.length && !scope.some((glob) => patternMatches(glob, path))) {
      return {
        verdict: 'out-of-scope',
        path,
        holders: [],
        reason: `${path} is outside this session's scope (${scope.join(', ')}).`,
        nextAction: `Stay inside the scope, or ask ${escalation} to widen it.`,
      };
    }
    return { verdict: 'clear', path, holders: [], reason: `No other session holds or has changed ${path}.`, nextAction: 'Go ahead.' };
  });

  const worst = verdicts.reduce((a, b) => (RANK[b.verdict] > RANK[a.verdict] ? b : a), verdicts[0]!);
  const flagged = verdicts.filter((v) => v.verdict === worst.verdict);
  return {
    verdict: worst.verdict,
    holders: flagged.flatMap((v) => v.holders).filter((h, i, all) => all.findIndex((x) => x.session === h.session && x.pattern === h.pattern) === i),
    reason: flagged.map((v) => v.reason).join(' '),
    nextAction: worst.nextAction,
    paths: flagged.map((v) => v.path),
  };
}

/**
 * Moves the leases on `pattern` to another session. Taking a live write lease from its holder needs `confirm` (tier 3).
 * `expectLease` and `expectVersion` are the id and version of the one lease the caller saw move; a
 * pattern several sessions hold has no one version.
 */
export function reassignLeases(
  store: BoardStore,
  input: { pattern: string; to: string; confirm?: boolean; expectLease?: string; expectVersion?: number },
  actor: string,
): Lease[] {
  const [pattern] = normaliseAll([input.pattern]);
  return store.write((tx) => {
    const target = liveSession(tx.db, input.to);
    const rows = prepared(tx.db, `SELECT l.* FROM lease l JOIN session s ON s.id = l.session_id WHERE l.pattern = ? AND s.repo_id = ? AND ${LIVE}`)
      .all(pattern, target.repo_id) as LeaseRow[];
    const moving = rows.filter((row) => row.session_id !== target.id);
    if (!moving.length) throw new NotFoundError('lease', pattern!, `No other session holds a lease on ${pattern}; ${target.id} can claim it.`);
    const expecting = input.expectVersion !== undefined || input.expectLease !== undefined;
    if (expecting && moving.length > 1) {
      throw new BadInputError(
        `${pattern} is held by ${moving.length} sessions (${moving.map((r) => `${r.session_id}: lease ${r.id} v${r.version}`).join(', ')}); one expected version cannot name them all.`,
        'expectVersion',
        'Reassign without --expect-version after checking `signalbox board`, or release the extra leases first.',
      );
    }
    // A stale read is refused before the tier-3 question, so the lead is not asked to confirm what they did not see.
    if (input.expectLease !== undefined && input.expectLease !== moving[0]!.id) {
      // Released and claimed again since: a new lease, whose version says nothing of the one the caller saw.
      const now = moving[0]!;
      throw new StaleVersionError(
        `the lease on ${pattern} (you read ${input.expectLease}, now ${now.id} of ${now.session_id})`,
        input.expectVersion ?? 1,
        now.version,
        now.updated_by,
        now.updated_at,
      );
    }
    if (input.expectVersion !== undefined) refuseStale(tx.db, 'lease', moving[0]!.id, input.expectVersion);
    const contested = moving.filter((row) => {
      const holder = getSessionRow(tx.db, row.session_id);
      return row.mode === 'write' && !holder.ended_at && holder.status !== 'completed';
    });
    if (contested.length && !input.confirm) {
      throw new RefusedError(
        `Reassigning the write lease ${pattern} takes it from session ${contested.map((r) => r.session_id).join(', ')}, which is still live: that is a tier-3 ownership override.`,
        'Confirm it explicitly (--confirm, or confirm in the control room).',
        { contested: contested.map((r) => r.session_id) },
      );
    }
    const moved: Lease[] = [];
    for (const row of moving) {
      const fence = nextCounter(tx.db, 'fence');
      // The target's own lease on the same pattern gives way to the one it receives, on the record.
      const replaced = prepared(tx.db, `DELETE FROM lease WHERE session_id = ? AND pattern = ? AND id != ? RETURNING *`).all(
        target.id,
        pattern,
        row.id,
      ) as LeaseRow[];
      for (const old of replaced) {
        tx.record({ actor, kind: 'lease.released', subject: `lease:${old.id}`, before: toLease(old), after: null });
      }
      updateVersioned(tx.db, 'lease', row.id, row.version, { session_id: target.id, fence }, actor);
      const after = toLease(prepared(tx.db, `SELECT * FROM lease WHERE id = ?`).get(row.id) as LeaseRow);
      tx.record({ actor, kind: 'lease.reassigned', subject: `lease:${row.id}`, before: toLease(row), after });
      moved.push(after);
    }
    return moved;
  });
}
