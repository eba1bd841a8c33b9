import type { ConflictScan, OperationInput, OperationName, OperationOutput } from '../../shared/api';
import { eventsFor, eventsSince } from '../board/audit';
import type { BoardStore } from '../board/board-store';
import { RefusedError } from '../board/errors';
import { decideApproval, requestApproval } from '../board/approvals';
import { checkPaths, claimLeases, reassignLeases, releaseLeases } from '../board/leases';
import { approvals, changedPaths, liveLeases, openConflicts, readBoard, tasks } from '../board/records';
import { listRepos } from '../board/repos';
import { sessionDiff } from '../board/session-diff';
import { addRepo, endSession, newSession } from '../board/session-lifecycle';
import { readSession, readSessions } from '../board/session-record';
import { markSynced, pauseSession, recordCheckpoint, resumeSession, setStatus, updateSession } from '../board/session-steering';
import { newTask, reassignTask, updateTask } from '../board/tasks';
import { type Actor, actorName } from './actor';

/** Re-evaluates one session's conflicts (the conflict engine); absent where none runs. */
export interface ConflictRefresher {
  refresh(session: string): Promise<void>;
  /** Resolves once no evaluation is running or queued: nothing reads a worktree any more. */
  idle(): Promise<void>;
}

export interface OperationContext {
  store: BoardStore;
  conflicts: ConflictRefresher | null;
  dataDir: string;
  url: string;
  actor: Actor;
  /** How far the coordinator's first conflict scan is; absent where no engine runs. */
  scan?: () => ConflictScan;
}

/**
 * Who may call an operation. `lead`: the lead only. `any`: any valid token (reads).
 * `own-session`: the lead, or the session the input names — a session acts only as itself.
 */
type Access = { kind: 'lead' } | { kind: 'any' } | { kind: 'own-session'; session: (input: never) => string };

interface Handler<K extends OperationName> {
  access: Access;
  handle(context: OperationContext, input: OperationInput<K>): Promise<OperationOutput<K>> | OperationOutput<K>;
}

const lead: Access = { kind: 'lead' };
const any: Access = { kind: 'any' };
const ownSession = (session: (input: never) => string): Access => ({ kind: 'own-session', session });

export const handlers: { [K in OperationName]: Handler<K> } = {
  'whoami': {
    access: any,
    handle: ({ actor }) =>
      actor.role === 'lead' ? { role: 'lead', session: null } : { role: 'session', session: actor.session },
  },
  'repo.add': { access: lead, handle: ({ store, actor }, input) => addRepo(store, input, actorName(actor)) },
  'repo.list': { access: any, handle: ({ store }) => listRepos(store.db) },
  'session.new': {
    access: lead,
    handle: ({ store, dataDir, url, actor }, input) => newSession(store, { dataDir, url }, input, actorName(actor)),
  },
  'session.list': { access: any, handle: ({ store }, input) => readSessions(store, input.includeEnded ?? false) },
  'session.show': {
    access: any,
    handle: ({ store }, input) => ({
      session: readSession(store, input.id),
      leases: liveLeases(store.db, input.id),
      approvals: approvals(store.db, input.id),
      conflicts: openConflicts(store.db, input.id),
      changedPaths: changedPaths(store.db, input.id),
      events: eventsFor(store.db, `session:${input.id}`),
    }),
  },
  'session.diff': { access: any, handle: ({ store }, input) => sessionDiff(store, input.id) },
  'session.refresh': {
    access: ownSession((input: OperationInput<'session.refresh'>) => input.session),
    handle: async ({ store, conflicts }, input) => {
      markSynced(store, input.session);
      await conflicts?.refresh(input.session);
      return readSession(store, input.session);
    },
  },
  'session.update': {
    access: ownSession((input: OperationInput<'session.update'>) => input.id),
    handle: ({ store, actor }, input) => updateSession(store, input, actorName(actor)),
  },
  'session.pause': { access: lead, handle: ({ store, actor }, input) => pauseSession(store, input, actorName(actor)) },
  'session.resume': { access: lead, handle: ({ store, actor }, input) => resumeSession(store, input, actorName(actor)) },
  'session.end': {
    access: lead,
    handle: async ({ store, conflicts, dataDir, actor }, input) => {
      const ended = await endSession(store, dataDir, input, actorName(actor));
      // Once `session end` answers, nothing of Signalbox runs git in that worktree or repository for it.
      await conflicts?.idle();
      return ended;
    },
  },
  'status.set': {
    access: ownSession((input: OperationInput<'status.set'>) => input.session),
    handle: ({ store, actor }, input) => setStatus(store, input, actorName(actor)),
  },
  'checkpoint': {
    access: ownSession((input: OperationInput<'checkpoint'>) => input.session),
    handle: ({ store, actor }, input) => recordCheckpoint(store, input, actorName(actor)),
  },
  'claim': {
    access: ownSession((input: OperationInput<'claim'>) => input.session),
    handle: ({ store, actor }, input) => claimLeases(store, { ...input, mode: input.mode ?? 'write' }, actorName(actor)),
  },
  'release': {
    access: ownSession((input: OperationInput<'release'>) => input.session),
    handle: ({ store, actor }, input) => releaseLeases(store, input, actorName(actor)),
  },
  'check': {
    access: ownSession((input: OperationInput<'check'>) => input.session),
    handle: ({ store }, input) => checkPaths(store, { ...input, mode: input.mode ?? 'write' }),
  },
  'reassign': { access: lead, handle: ({ store, actor }, input) => reassignLeases(store, input, actorName(actor)) },
  'conflicts': { access: any, handle: ({ store }, input) => openConflicts(store.db, input.session) },
  // A session token acts only on its own tasks; tasks.ts decides, since the owner is on the record.
  'task.new': { access: any, handle: ({ store, actor }, input) => newTask(store, input, actorName(actor)) },
  'task.list': {
    access: any,
    handle: ({ store }, input) => tasks(store.db).filter((t) => input.session === undefined || t.session === input.session),
  },
  'task.update': { access: any, handle: ({ store, actor }, input) => updateTask(store, input, actorName(actor)) },
  'task.reassign': { access: any, handle: ({ store, actor }, input) => reassignTask(store, input, actorName(actor)) },
  'approval.request': {
    access: ownSession((input: OperationInput<'approval.request'>) => input.session),
    handle: ({ store, actor }, input) => requestApproval(store, input, actorName(actor)),
  },
  'approval.list': {
    access: any,
    handle: ({ store }, input) =>
      approvals(store.db, input.session).filter((a) => input.state === undefined || a.state === input.state),
  },
  'approval.decide': { access: lead, handle: ({ store, actor }, input) => decideApproval(store, input, actorName(actor)) },
  'board': { access: any, handle: ({ store, scan }) => (scan ? { ...readBoard(store), scan: scan() } : readBoard(store)) },
  'events.since': { access: any, handle: ({ store }, input) => eventsSince(store.db, input.after, input.limit) },
};

/** Refuses a call the actor may not make, before anything runs. */
export function authorise<K extends OperationName>(op: K, actor: Actor, input: OperationInput<K>): void {
  if (actor.role === 'lead') return;
  const access = handlers[op].access;
  if (access.kind === 'any') return;
  if (access.kind === 'own-session' && access.session(input as never) === actor.session) return;
  throw new RefusedError(
    `Session ${actor.session} may not ${op}${access.kind === 'own-session' ? ` for session ${access.session(input as never)}` : ''}: that takes the lead.`,
    'Ask the lead, or request an approval.',
    { op, session: actor.session },
  );
}
