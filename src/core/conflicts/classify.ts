/**
 * Conflict classification (DESIGN §3) as pure functions of what is known about sessions; the
 * engine gathers the facts from git and the board, this file decides.
 *
 * Decision on merge-tree `unknown` (git failed, or the pair was not compared): never clean. It is
 * a hard collision in state `human-decision-required`, whose next action says git could not
 * compare the two and the lead must check by hand. A hard collision because the lead must act
 * before either session merges; a distinct state so nobody takes it for a known textual conflict.
 */
import type { ConflictKind, LeaseMode } from '../../shared/board';
import { compareSessionIds, conflictKey, sortSessionIds, type ConflictCause } from './conflict-key';
import { dryRun, nextAction } from './next-action';
import { patternMatches } from './pattern';
import { patternsOverlap } from './pattern-overlap';

export interface LeaseFact {
  pattern: string;
  mode: LeaseMode;
}

export interface SessionFacts {
  id: string;
  owner: string;
  /** Creation time: of two sessions the later one gives way. */
  createdAt: string;
  /** C(S): files changed since the base. */
  changes: readonly string[];
  /** L(S): its live leases. */
  leases: readonly LeaseFact[];
  scope: readonly string[];
  forbidden: readonly string[];
}

export type MergeOutcome =
  | { result: 'clean' }
  /** `paths` may be empty: merge-tree can exit 1 without naming a file. */
  | { result: 'conflict'; paths: readonly string[] }
  | { result: 'unknown'; reason: string };

/** The engine's own states; a state the lead set by steering (rebase-proposed, …) is kept. */
export type DetectedState = 'open' | 'human-decision-required';

export interface DetectedConflict {
  key: string;
  kind: ConflictKind;
  sessions: string[];
  paths: string[];
  nextAction: string;
  resolver: string;
  state: DetectedState;
}

/** The lead resolves every hard collision. */
const LEAD = 'lead';

/**
 * Paths both sessions changed — the same path, or a file one changed where the other changed
 * something under it (a file/directory clash): when not empty, the pair needs a merge-tree outcome.
 */
export function sharedChanges(a: SessionFacts, b: SessionFacts): string[] {
  const shared = new Set<string>();
  for (const [ours, theirs] of [
    [a.changes, b.changes],
    [b.changes, a.changes],
  ] as const) {
    for (const path of touching(ours, theirs)) shared.add(path);
  }
  return [...shared].sort();
}

/** The paths of `paths` that are in `changes`, inside one of them, or hold one of them. */
export function touching(paths: Iterable<string>, changes: readonly string[]): string[] {
  const changed = new Set(changes);
  const holders = new Set(changes.flatMap(parentsOf));
  return [...paths].filter((path) => changed.has(path) || holders.has(path) || parentsOf(path).some((dir) => changed.has(dir)));
}

function parentsOf(path: string): string[] {
  const parents: string[] = [];
  for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) parents.push(path.slice(0, at));
  return parents;
}

/** [earlier, later] by creation, then by id. */
function byCreation(a: SessionFacts, b: SessionFacts): [SessionFacts, SessionFacts] {
  const order = a.createdAt === b.createdAt ? compareSessionIds(a.id, b.id) : a.createdAt < b.createdAt ? -1 : 1;
  return order <= 0 ? [a, b] : [b, a];
}

interface Evidence {
  paths: string[];
  action: string;
}

/**
 * At most one conflict for the pair: a hard collision when any hard evidence is found (its paths
 * include the softer evidence too), else a soft overlap. `merge` is the merge-tree outcome of the
 * two snapshots; it is needed only when they share changed files, and missing counts as unknown.
 */
export function classifyPair(a: SessionFacts, b: SessionFacts, merge: MergeOutcome | null): DetectedConflict[] {
  const [earlier, later] = byCreation(a, b);
  const hard: Evidence[] = [];
  const soft: Evidence[] = [];
  let unknown: Evidence | null = null;

  // A write into the other's write lease names the writer, whoever came first.
  for (const [writer, holder] of [
    [later, earlier],
    [earlier, later],
  ] as const) {
    for (const lease of holder.leases) {
      const files = writer.changes.filter((path) => patternMatches(lease.pattern, path));
      if (files.length === 0) continue;
      const found = { paths: files, action: '' };
      if (lease.mode === 'write') hard.push({ ...found, action: nextAction.writeIntoLease(writer.id, files, holder.id, lease.pattern) });
      else soft.push(found);
    }
  }

  for (const theirs of earlier.leases) {
    for (const ours of later.leases) {
      if (theirs.mode === 'read' && ours.mode === 'read') continue;
      if (!patternsOverlap(theirs.pattern, ours.pattern)) continue;
      const paths = [theirs.pattern, ours.pattern];
      if (theirs.mode === 'write' && ours.mode === 'write') {
        hard.push({ paths, action: nextAction.writeLeasesMeet(later.id, ours.pattern) });
      } else {
        soft.push({ paths, action: '' });
      }
    }
  }

  const shared = sharedChanges(earlier, later);
  if (shared.length > 0) {
    const outcome = merge ?? { result: 'unknown', reason: 'the two snapshots were not compared' };
    if (outcome.result === 'clean') {
      soft.push({ paths: shared, action: '' });
    } else if (outcome.result === 'conflict') {
      // git also names the side path it moved a file to (`x~<commit>`), which neither session has.
      const changed = new Set([...a.changes, ...b.changes]);
      const named = outcome.paths.filter((path) => changed.has(path));
      const files = named.length > 0 ? named : shared;
      hard.push({ paths: files, action: nextAction.textualConflict(earlier.id, later.id, outcome.paths.length > 0 ? files : []) });
    } else {
      unknown = { paths: shared, action: nextAction.couldNotCompare(earlier.id, later.id, outcome.reason) };
    }
  }

  const sessions = sortSessionIds([a.id, b.id]);
  const paths = unique([...hard, ...(unknown ? [unknown] : []), ...soft].flatMap((evidence) => evidence.paths));
  const first = hard[0] ?? unknown;
  if (first) {
    return [
      {
        key: conflictKey('hard-collision', sessions, 'pair'),
        kind: 'hard-collision',
        sessions,
        paths,
        nextAction: first.action,
        resolver: LEAD,
        state: hard.length > 0 ? 'open' : 'human-decision-required',
      },
    ];
  }
  if (soft.length > 0) {
    return [
      {
        key: conflictKey('soft-overlap', sessions, 'pair'),
        kind: 'soft-overlap',
        sessions,
        paths,
        nextAction: nextAction.watch(earlier.id, later.id),
        resolver: later.owner,
        state: 'open',
      },
    ];
  }
  return [];
}

/** The session against its own contract: forbidden edits are hard, edits outside a scope soft. */
export function classifyContract(session: SessionFacts): DetectedConflict[] {
  const conflicts: DetectedConflict[] = [];
  const forbidden = session.changes.filter((path) => session.forbidden.some((glob) => patternMatches(glob, path)));
  if (forbidden.length > 0) {
    conflicts.push(
      single(session, 'hard-collision', 'forbidden', forbidden, nextAction.forbidden(session.id, forbidden), LEAD),
    );
  }
  if (session.scope.length > 0) {
    const outside = session.changes.filter((path) => !session.scope.some((glob) => patternMatches(glob, path)));
    if (outside.length > 0) {
      conflicts.push(
        single(session, 'soft-overlap', 'scope', outside, nextAction.outOfScope(session.id, outside), session.owner),
      );
    }
  }
  return conflicts;
}

/** What git said about the protected branch, seen from the session's base. */
export type UpstreamFacts =
  /** The tip is still the session's base. */
  | { branch: string; moved: false }
  /**
   * `baseOnBranch`: the base is still an ancestor of the tip (false after a force push).
   * `changed`: U, the files that differ between the base and the tip.
   */
  | { branch: string; moved: true; baseOnBranch: boolean; changed: readonly string[] }
  /** git could not say. */
  | { branch: string; moved: true; unknown: string };

export type StaleBaseEvidence =
  | { stale: false }
  | { stale: true; paths: string[]; rewritten: boolean }
  | { stale: 'unknown'; reason: string };

/** Is the base stale? Decided before the rebase dry run, which only a stale session needs. */
export function staleBaseEvidence(session: SessionFacts, upstream: UpstreamFacts): StaleBaseEvidence {
  if (!upstream.moved) return { stale: false };
  if ('unknown' in upstream) return { stale: 'unknown', reason: upstream.unknown };
  const changes = new Set(session.changes);
  const touched = upstream.changed.filter(
    (path) => changes.has(path) || session.leases.some((lease) => patternMatches(lease.pattern, path)),
  );
  const rewritten = !upstream.baseOnBranch;
  if (!rewritten && touched.length === 0) return { stale: false };
  return { stale: true, paths: touched, rewritten };
}

/** `rebase` is the dry run (merge-tree of the session's snapshot onto the tip); null if not run. */
export function classifyStaleBase(
  session: SessionFacts,
  upstream: UpstreamFacts,
  rebase: MergeOutcome | null,
): DetectedConflict[] {
  const evidence = staleBaseEvidence(session, upstream);
  if (evidence.stale === false) return [];
  if (evidence.stale === 'unknown') {
    return [
      {
        ...single(session, 'stale-base', 'base', [], nextAction.couldNotCheckBase(session.id, upstream.branch, evidence.reason), session.owner),
        state: 'human-decision-required',
      },
    ];
  }
  const outcome = rebase ?? { result: 'unknown', reason: 'it was not run' };
  const said =
    outcome.result === 'clean'
      ? dryRun.clean
      : outcome.result === 'conflict'
        ? dryRun.conflicts(outcome.paths)
        : dryRun.unknown(outcome.reason);
  const action = nextAction.rebase(session.id, upstream.branch, evidence.rewritten, said);
  return [single(session, 'stale-base', 'base', evidence.paths, action, session.owner)];
}

function single(
  session: SessionFacts,
  kind: ConflictKind,
  cause: ConflictCause,
  paths: readonly string[],
  action: string,
  resolver: string,
): DetectedConflict {
  return {
    key: conflictKey(kind, [session.id], cause),
    kind,
    sessions: [session.id],
    paths: unique(paths),
    nextAction: action,
    resolver,
    state: 'open',
  };
}

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)].sort();
}
