import { useMemo, useState } from 'react';
import type { Approval } from '../../../shared/board';
import { formatAge } from '../format/age';
import { useNow } from '../hooks/use-now';
import { useActions, useControlRoom } from '../store/store-context';

/** Pending requests first (tier 3 — the lead's own call — on top), then the recent decisions. */
export function ApprovalsInbox() {
  const approvals = useControlRoom((s) => s.board.approvals);
  const { pending, decided } = useMemo(() => {
    const all = Object.values(approvals);
    return {
      pending: all.filter((a) => a.state === 'pending').sort((a, b) => b.tier - a.tier || a.requestedAt.localeCompare(b.requestedAt)),
      decided: all
        .filter((a) => a.state !== 'pending')
        .sort((a, b) => (b.decidedAt ?? b.requestedAt).localeCompare(a.decidedAt ?? a.requestedAt))
        .slice(0, 20),
    };
  }, [approvals]);

  return (
    <div className="inbox" data-testid="approvals">
      {pending.length === 0 ? (
        <div className="calm">
          <h2>Nothing waiting for you</h2>
          <p className="muted">Requests for tier 2 and tier 3 actions will appear here.</p>
        </div>
      ) : (
        <div className="cards">
          {pending.map((a) => (
            <PendingApproval key={a.id} approval={a} />
          ))}
        </div>
      )}
      {decided.length > 0 && (
        <section className="decided">
          <h3>Recently decided</h3>
          <ul className="list">
            {decided.map((a) => (
              <li key={a.id}>
                <span className={`chip approval-state approval-state--${a.state}`}>{a.state}</span> {a.action}{' '}
                <span className="muted small">
                  {a.session}
                  {a.decidedBy ? ` · by ${a.decidedBy}` : ''}
                  {a.why ? ` · ${a.why}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function PendingApproval({ approval }: { approval: Approval }) {
  const { decideApproval, selectSession } = useActions();
  const busy = useControlRoom((s) => Boolean(s.busy[`approval:${approval.id}`]));
  const [why, setWhy] = useState('');
  const now = useNow();
  return (
    <article
      className={`card approval-card approval-card--tier-${approval.tier}`}
      data-testid="approval"
      data-approval={approval.id}
      tabIndex={0}
      aria-label={`Tier ${approval.tier} request from ${approval.session}: ${approval.action} (y approves, n denies)`}
    >
      <header className="card__head">
        <span className={`chip tier tier--${approval.tier}`}>tier {approval.tier}</span>
        <button type="button" className="link mono" onClick={() => selectSession(approval.session)}>
          {approval.session}
        </button>
        <span className="muted">asked {formatAge(approval.requestedAt, now)}</span>
      </header>
      <p className="approval-card__action">{approval.action}</p>
      {approval.detail && <p className="approval-card__detail">{approval.detail}</p>}
      <div className="approval-card__buttons">
        <input
          className="why"
          placeholder="Reason (optional)"
          aria-label={`Reason for ${approval.id}`}
          value={why}
          onChange={(e) => setWhy(e.target.value)}
        />
        <button type="button" className="button danger" data-decision="deny" disabled={busy} onClick={() => void decideApproval(approval.id, 'deny', why)}>
          Deny
        </button>
        <button type="button" className="button primary" data-decision="approve" disabled={busy} onClick={() => void decideApproval(approval.id, 'approve', why)}>
          Approve
        </button>
      </div>
    </article>
  );
}
