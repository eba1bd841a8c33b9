import type { Approval, Session } from '../../shared/board';
import type { BoardStore, WriteContext } from './board-store';
import { boardNow, nextCounter } from './clock';
import { NotFoundError, RefusedError } from './errors';
import { type ApprovalRow, toApproval } from './records';
import { readSession } from './session-record';
import { updateVersioned } from './versioned-update';
import { prepared } from '../db/prepared';

function getApproval(store: BoardStore, id: string): Approval {
  const row = prepared(store.db, `SELECT * FROM approval WHERE id = ?`).get(id) as ApprovalRow | undefined;
  if (!row) throw new NotFoundError('approval', id);
  return toApproval(row);
}

/**
 * A session asks the lead (tier 3) or its owner (tier 2) before it acts. A working session now
 * waits as awaiting-approval; one that already waits on something else keeps saying so.
 */
export function requestApproval(
  store: BoardStore,
  input: { session: string; tier: 2 | 3; action: string; detail?: string },
  actor: string,
): Approval {
  return store.write((tx) => {
    const session = readSession(store, input.session);
    if (session.endedAt) throw new RefusedError(`Session ${session.id} has ended; it cannot ask for approval.`);
    const row = prepared(tx.db, 
        `INSERT INTO approval (id, session_id, tier, action, detail, updated_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(`a${nextCounter(tx.db, 'approval')}`, session.id, input.tier, input.action, input.detail ?? null, actor) as ApprovalRow;
    const approval = toApproval(row);
    tx.record({ actor, kind: 'approval.requested', subject: `approval:${approval.id}`, after: approval });
    if (session.status === 'active') {
      const blocker = `Tier-${approval.tier} approval ${approval.id}: ${approval.action}`;
      const columns = { status: 'awaiting-approval', blocker_text: blocker, blocker_since: boardNow(tx.db) };
      updateVersioned(tx.db, 'session', session.id, session.version, columns, actor);
      tx.record({ actor, kind: 'session.status', subject: `session:${session.id}`, before: session, after: readSession(store, session.id) });
    }
    return approval;
  });
}

/**
 * The lead decides. A session may never decide its own tier-3 request (DESIGN §7); a decision
 * on a request someone already decided is refused, not applied twice.
 */
export function decideApproval(
  store: BoardStore,
  input: { id: string; decision: 'approve' | 'deny'; why?: string; expectVersion?: number },
  actor: string,
): Approval {
  return store.write((tx) => {
    const before = getApproval(store, input.id);
    if (actor === `session:${before.session}` && before.tier === 3) {
      throw new RefusedError(`Session ${before.session} cannot decide its own tier-3 request ${before.id}.`, 'The lead decides it.');
    }
    if (before.state !== 'pending') {
      throw new RefusedError(
        `Approval ${before.id} is already ${before.state}${before.decidedBy ? ` by ${before.decidedBy} at ${before.decidedAt}` : ''}.`,
      );
    }
    updateVersioned(
      tx.db,
      'approval',
      before.id,
      input.expectVersion ?? before.version,
      {
        state: input.decision === 'approve' ? 'approved' : 'denied',
        decided_by: actor,
        decided_at: boardNow(tx.db),
        why: input.why ?? null,
      },
      actor,
    );
    const after = getApproval(store, before.id);
    tx.record({ actor, kind: 'approval.decided', subject: `approval:${after.id}`, before, after });
    return after;
  });
}

/**
 * Pending requests lapse when their session ends or moves on (DESIGN §2): back at work after a
 * pause, a wait or a prompt, it no longer waits for what it asked. The one place that expires
 * them; every change of a session passes through here inside its write.
 */
export function expireApprovalsIfMovedOn(tx: WriteContext, before: Session, after: Session, actor: string): void {
  const ended = after.endedAt !== null;
  const backAtWork = after.status === 'active' && before.status !== 'active';
  if (ended || backAtWork) expirePendingApprovals(tx, after.id, actor);
}

function expirePendingApprovals(tx: WriteContext, session: string, actor: string): void {
  const rows = prepared(tx.db, 
      `UPDATE approval SET state = 'expired', version = version + 1, updated_by = ?,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
       WHERE session_id = ? AND state = 'pending' RETURNING *`,
    )
    .all(actor, session) as ApprovalRow[];
  for (const row of rows) {
    const after = toApproval(row);
    tx.record({ actor, kind: 'approval.expired', subject: `approval:${after.id}`, after });
  }
}
