import type { BoardEvent } from '../../shared/board';
import type { BoardStore } from './board-store';
import { prepared } from '../db/prepared';
import { isSilent, listSessionRows, toSession } from './sessions';

/**
 * The `silent` flag is derived on read, so nothing on the board changes when a checkpoint falls
 * overdue. The sweep makes that moment an audit event, once per transition, so the event stream
 * carries it and every open control room refreshes.
 */
export type SilenceKind = 'session.silent' | 'session.heard';

/** The coordinator's own observations are recorded under this actor, as the conflict engine's are. */
const SWEEP_ACTOR = 'signalbox';

const DEFAULT_INTERVAL_MS = 15_000;

export interface SilenceTransition {
  session: string;
  kind: SilenceKind;
}

/**
 * Which sessions' silence changed since the audit log last said so. A session the log never
 * called silent counts as heard: only a silence starts the story.
 */
export function silenceTransitions(
  silentNow: ReadonlyMap<string, boolean>,
  lastSaid: ReadonlyMap<string, SilenceKind>,
): SilenceTransition[] {
  const transitions: SilenceTransition[] = [];
  for (const [session, silent] of silentNow) {
    const wasSilent = lastSaid.get(session) === 'session.silent';
    if (silent && !wasSilent) transitions.push({ session, kind: 'session.silent' });
    if (!silent && wasSilent) transitions.push({ session, kind: 'session.heard' });
  }
  return transitions;
}

function lastSaid(store: BoardStore, sessions: string[]): Map<string, SilenceKind> {
  const query = prepared(
    store.db,
    `SELECT kind FROM event WHERE subject = ? AND kind IN ('session.silent', 'session.heard') ORDER BY id DESC LIMIT 1`,
  );
  const said = new Map<string, SilenceKind>();
  for (const id of sessions) {
    const row = query.get(`session:${id}`) as { kind: SilenceKind } | undefined;
    if (row) said.set(id, row.kind);
  }
  return said;
}

function transitionsAt(store: BoardStore, now: number) {
  const rows = listSessionRows(store.db, false);
  const silentNow = new Map(rows.map((row) => [row.id, isSilent(row, now)]));
  return { rows, transitions: silenceTransitions(silentNow, lastSaid(store, [...silentNow.keys()])) };
}

/** One sweep over the live sessions at `now`; returns the events it wrote. */
export function sweepSilence(store: BoardStore, now: number): BoardEvent[] {
  // Most sweeps find nothing: they read, and take the board's write lock only to record a change.
  if (transitionsAt(store, now).transitions.length === 0) return [];
  return store.write((tx) => {
    const { rows, transitions } = transitionsAt(store, now);
    const context = { ...store.flagContext(), now };
    return transitions.map(({ session, kind }) => {
      const after = toSession(rows.find((row) => row.id === session)!, context);
      return tx.record({ actor: SWEEP_ACTOR, kind, subject: `session:${session}`, after });
    });
  });
}

export interface SilenceSweepOptions {
  /** Between sweeps; default 15 s. */
  intervalMs?: number;
  /** The clock the cadence is measured against; injected by tests. */
  now?: () => number;
  /** Failures of a sweep nobody awaits; the next sweep tries again. */
  onError?: (error: unknown) => void;
}

/** Sweeps at once and then every interval, without keeping the process alive. */
export function startSilenceSweep(store: BoardStore, options: SilenceSweepOptions = {}): { stop(): void } {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('signalbox: silence sweep failed:', error));
  const sweep = () => {
    try {
      sweepSilence(store, now());
    } catch (error) {
      onError(error);
    }
  };
  sweep();
  const timer = setInterval(sweep, options.intervalMs ?? DEFAULT_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
