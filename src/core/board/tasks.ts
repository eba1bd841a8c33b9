import type { TaskFields } from '../../shared/api';
import type { Task } from '../../shared/board';
import type { BoardDatabase } from '../db/connection';
import { prepared } from '../db/prepared';
import type { BoardStore, WriteContext } from './board-store';
import { nextCounter } from './clock';
import { BadInputError, NotFoundError, RefusedError } from './errors';
import { tasks } from './records';
import { getSessionRow, type SessionRow } from './sessions';
import { updateVersioned } from './versioned-update';

/** The session an actor name (`session:s3`) speaks for; null for the lead. */
function actorSession(actor: string): string | null {
  return actor.startsWith('session:') ? actor.slice('session:'.length) : null;
}

export function readTask(db: BoardDatabase, id: string): Task {
  const task = tasks(db).find((t) => t.id === id);
  if (!task) throw new NotFoundError('task', id);
  return task;
}

function liveSession(db: BoardDatabase, id: string): SessionRow {
  const session = getSessionRow(db, id);
  if (session.ended_at) throw new RefusedError(`Session ${id} has ended; it cannot own a task.`, 'Give the task to a live session.');
  return session;
}

/** A session that still works on what it owns: neither ended nor completed. */
function isLive(db: BoardDatabase, id: string): boolean {
  const session = getSessionRow(db, id);
  return !session.ended_at && session.status !== 'completed';
}

function title(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadInputError('A task needs a title.', 'title');
  return trimmed;
}

/**
 * The blockers of `task` as given, checked: each exists, none is the task itself, and none is
 * (transitively) blocked by the task — a cycle would leave every task in it waiting forever.
 */
function checkedBlockers(db: BoardDatabase, task: string | null, blockedBy: readonly string[]): string[] {
  const wanted = [...new Set(blockedBy)];
  const all = tasks(db);
  const byId = new Map(all.map((t) => [t.id, t]));
  for (const id of wanted) {
    if (!byId.has(id)) throw new BadInputError(`Task ${id} does not exist, so it cannot block.`, 'blockedBy', 'List tasks with `signalbox task list`.');
    if (id === task) throw new BadInputError(`Task ${id} cannot be blocked by itself.`, 'blockedBy');
  }
  if (task === null) return wanted;
  for (const start of wanted) {
    const path = blockerPath(byId, start, task);
    if (path) {
      throw new BadInputError(
        `Task ${task} cannot wait for ${start}: ${[task, ...path, task].join(' → blocked by ')} would be a cycle.`,
        'blockedBy',
        `Remove ${task} from the blockers of ${path[path.length - 1]} first, or pick another blocker.`,
      );
    }
  }
  return wanted;
}

/** The chain of blocked_by links from `from` to `to`, if any (depth first). */
function blockerPath(byId: Map<string, Task>, from: string, to: string): string[] | null {
  const seen = new Set<string>();
  const walk = (id: string, path: string[]): string[] | null => {
    if (seen.has(id)) return null;
    seen.add(id);
    for (const next of byId.get(id)?.blockedBy ?? []) {
      if (next === to) return [...path, id];
      const found = walk(next, [...path, id]);
      if (found) return found;
    }
    return null;
  };
  return walk(from, []);
}

function setBlockers(tx: WriteContext, task: string, blockedBy: readonly string[]): void {
  prepared(tx.db, `DELETE FROM task_dependency WHERE task_id = ?`).run(task);
  const insert = prepared(tx.db, `INSERT INTO task_dependency (task_id, blocked_by_id) VALUES (?, ?)`);
  for (const blocker of blockedBy) insert.run(task, blocker);
}

/** A session may create tasks for itself only; the lead for anyone, or for no one yet. */
export function newTask(
  store: BoardStore,
  input: { title: string; objective?: string; session?: string; blockedBy?: string[] },
  actor: string,
): Task {
  const caller = actorSession(actor);
  const owner = input.session ?? caller;
  if (caller !== null && owner !== caller) {
    throw new RefusedError(`Session ${caller} may not create a task for session ${owner}: that takes the lead.`, 'Create it for yourself, or ask the lead.');
  }
  const name = title(input.title);
  return store.write((tx) => {
    if (owner !== null) liveSession(tx.db, owner);
    const blockedBy = checkedBlockers(tx.db, null, input.blockedBy ?? []);
    const id = `t${nextCounter(tx.db, 'task')}`;
    prepared(tx.db, `INSERT INTO task (id, title, objective, session_id, updated_by) VALUES (?, ?, ?, ?, ?)`).run(
      id,
      name,
      input.objective ?? '',
      owner,
      actor,
    );
    setBlockers(tx, id, blockedBy);
    const after = readTask(tx.db, id);
    tx.record({ actor, kind: 'task.created', subject: `task:${id}`, after });
    return after;
  });
}

/** Versioned like sessions: a stale `expectVersion` is refused with who changed the task. A session edits only its own tasks. */
export function updateTask(store: BoardStore, input: { id: string; expectVersion: number; fields: TaskFields }, actor: string): Task {
  const { fields } = input;
  const caller = actorSession(actor);
  return store.write((tx) => {
    const before = readTask(tx.db, input.id);
    if (caller !== null && before.session !== caller) {
      throw new RefusedError(
        `Session ${caller} may not change task ${before.id}: it belongs to ${before.session ?? 'no session'}.`,
        'Ask the lead, or the session that owns it.',
      );
    }
    const columns: Record<string, string> = {};
    if (fields.title !== undefined) columns.title = title(fields.title);
    if (fields.objective !== undefined) columns.objective = fields.objective;
    if (fields.status !== undefined) columns.status = fields.status;
    const blockedBy = fields.blockedBy === undefined ? null : checkedBlockers(tx.db, before.id, fields.blockedBy);
    updateVersioned(tx.db, 'task', before.id, input.expectVersion, columns, actor);
    if (blockedBy !== null) setBlockers(tx, before.id, blockedBy);
    const after = readTask(tx.db, before.id);
    tx.record({ actor, kind: 'task.updated', subject: `task:${before.id}`, before, after });
    return after;
  });
}

/**
 * Hands a task to session `to`. Taking it from a live session other than the caller's is an
 * ownership override: the lead's alone, and only with `confirm` (tier 3), like a live write lease.
 */
export function reassignTask(
  store: BoardStore,
  input: { id: string; to: string; confirm?: boolean; expectVersion?: number },
  actor: string,
): Task {
  const caller = actorSession(actor);
  return store.write((tx) => {
    const before = readTask(tx.db, input.id);
    liveSession(tx.db, input.to);
    if (before.session === input.to) throw new BadInputError(`Task ${before.id} is already with ${input.to}.`, 'to');
    const contested = before.session !== null && before.session !== caller && isLive(tx.db, before.session);
    if (contested && caller !== null) {
      throw new RefusedError(
        `Session ${caller} may not take task ${before.id} from session ${before.session}, which is still live: that takes the lead.`,
        'Ask the lead to reassign it.',
        { op: 'task.reassign', session: caller },
      );
    }
    if (contested && !input.confirm) {
      throw new RefusedError(
        `Reassigning task ${before.id} takes it from session ${before.session}, which is still live: that is a tier-3 ownership override.`,
        'Confirm it explicitly (--confirm, or confirm in the control room).',
        { contested: [before.session] },
      );
    }
    updateVersioned(tx.db, 'task', before.id, input.expectVersion ?? before.version, { session_id: input.to }, actor);
    const after = readTask(tx.db, before.id);
    tx.record({ actor, kind: 'task.reassigned', subject: `task:${before.id}`, before, after });
    return after;
  });
}
