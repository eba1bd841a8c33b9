import type { Approval, Board, Conflict, Lease, QueueEntry, Repo, Session, Task } from '../../../shared/board';

/** The board as the renderer holds it: every record by id, plus the id of the last event applied. */
export interface BoardIndex {
  repos: Record<string, Repo>;
  sessions: Record<string, Session>;
  tasks: Record<string, Task>;
  leases: Record<string, Lease>;
  conflicts: Record<string, Conflict>;
  approvals: Record<string, Approval>;
  queue: Record<string, QueueEntry>;
  /** Each session's changed files, by session id, as the coordinator last reported them. */
  changedPaths: Record<string, string[]>;
  lastEventId: number;
}

export type BoardTable = Exclude<keyof BoardIndex, 'lastEventId' | 'changedPaths'>;

export const EMPTY_BOARD_INDEX: BoardIndex = {
  repos: {},
  sessions: {},
  tasks: {},
  leases: {},
  conflicts: {},
  approvals: {},
  queue: {},
  changedPaths: {},
  lastEventId: 0,
};

export function indexBoard(board: Board): BoardIndex {
  return {
    repos: byId(board.repos),
    sessions: byId(board.sessions),
    tasks: byId(board.tasks),
    leases: byId(board.leases),
    conflicts: byId(board.conflicts),
    approvals: byId(board.approvals),
    queue: byId(board.queue),
    changedPaths: board.changedPaths ?? {},
    lastEventId: board.lastEventId,
  };
}

function byId<T extends { id: string }>(records: T[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const record of records) out[record.id] = record;
  return out;
}
