import { existsSync } from 'node:fs';
import type { SessionDiff } from '../../shared/api';
import { patchSince } from '../git';
import type { BoardStore } from './board-store';
import { RefusedError } from './errors';
import { getSessionRow } from './sessions';

const LIMIT_BYTES = 2 * 1024 * 1024;

/** The session's whole change against its base, for the lead to read; large patches are cut, not dropped. */
export async function sessionDiff(store: BoardStore, id: string): Promise<SessionDiff> {
  const row = getSessionRow(store.db, id);
  if (!existsSync(row.worktree)) {
    throw new RefusedError(`Session ${id} has no worktree at ${row.worktree}; there is no diff to show.`);
  }
  const patch = await patchSince(row.worktree, row.base_commit);
  const truncated = patch.length > LIMIT_BYTES;
  return {
    session: id,
    baseCommit: row.base_commit,
    patch: patch.subarray(0, LIMIT_BYTES).toString('utf8'),
    truncated,
    limitBytes: LIMIT_BYTES,
  };
}
