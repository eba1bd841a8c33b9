import { useState } from 'react';
import type { Session } from '../../../shared/board';
import { formatAge, formatDateTime } from '../format/age';
import { useNow } from '../hooks/use-now';
import { useActions, useControlRoom } from '../store/store-context';
import { ConflictBadge, FlagChips, StatusBadge } from './badges';
import { CheckpointHistory } from './checkpoint-history';
import { ContractForm } from './contract-form';
import { EventLine } from './event-line';
import { HandOverSelect } from './hand-over-select';
import { PriorityControl } from './priority-control';
import { SessionActions } from './session-actions';
import { SessionChanges } from './session-changes';

/** The side panel for the selected session: its contract, what it holds, what it waits on, its history. */
export function SessionDetail() {
  const id = useControlRoom((s) => s.view.selectedSessionId);
  const session = useControlRoom((s) => (id === null ? undefined : s.board.sessions[id]));
  const detail = useControlRoom((s) => s.detail);
  const { selectSession } = useActions();
  const [editing, setEditing] = useState<string | null>(null);
  const now = useNow();

  if (id === null) return null;
  const shown: Session | undefined = session ?? detail.data?.session;
  const data = detail.sessionId === id ? detail.data : null;

  return (
    <aside className="detail" aria-label={`Session ${id}`} data-testid="session-detail">
      <header className="detail__head">
        <div>
          <div className="detail__id mono">{id}</div>
          <h2 className="detail__title">{shown?.title ?? '…'}</h2>
        </div>
        <button type="button" className="button ghost" aria-label="Close (Esc)" title="Close (Esc)" onClick={() => selectSession(null)}>
          ×
        </button>
      </header>
      {detail.error && <p className="detail__error">{detail.error}</p>}
      {!shown && detail.loading && <p className="muted">Loading…</p>}
      {shown && (
        <>
          <div className="detail__status">
            <StatusBadge status={shown.status} /> <FlagChips flags={shown.flags} />
            <span className="muted">
              {shown.owner} · {shown.agent} · v{shown.version}
            </span>
          </div>
          {shown.blocker && (
            <p className="detail__blocker">
              Blocked {formatAge(shown.blocker.since, now)}: {shown.blocker.text}
            </p>
          )}
          <SessionActions session={shown} onEdit={editing === id || shown.endedAt ? null : () => setEditing(id)} />

          <section className="detail__section">
            <h3>Contract</h3>
            {editing === id ? (
              <ContractForm session={shown} onDone={() => setEditing(null)} />
            ) : (
              <dl className="facts">
                <dt>Objective</dt>
                <dd>{shown.objective || <span className="muted">none</span>}</dd>
                <dt>Scope</dt>
                <dd className="mono">{shown.scope.length ? shown.scope.join(', ') : <span className="muted">anything</span>}</dd>
                <dt>Forbidden</dt>
                <dd className="mono">{shown.forbidden.length ? shown.forbidden.join(', ') : <span className="muted">nothing</span>}</dd>
                <dt>Escalation</dt>
                <dd>{shown.escalation ?? <span className="muted">the lead</span>}</dd>
                <dt>Cadence</dt>
                <dd>{shown.cadenceMinutes ? `checkpoint every ${shown.cadenceMinutes} min` : <span className="muted">none</span>}</dd>
                <dt>Priority</dt>
                <dd>
                  <PriorityControl session={shown} />
                </dd>
                <dt>Branch</dt>
                <dd className="mono">
                  {shown.branch} @ {shown.baseCommit.slice(0, 8)}
                </dd>
                <dt>Worktree</dt>
                <dd className="mono">{shown.worktree}</dd>
                <dt>Last green test</dt>
                <dd>{shown.lastSuccessfulTest ? `${formatAge(shown.lastSuccessfulTest.at, now)} ${shown.lastSuccessfulTest.command ?? ''}` : 'never'}</dd>
              </dl>
            )}
          </section>

          <CheckpointHistory events={data ? data.events : null} loading={detail.loading} now={now} />

          <SessionChanges sessionId={id} recorded={data ? data.changedPaths : null} />

          <section className="detail__section">
            <h3>Conflicts</h3>
            {!data ? (
              <p className="muted">{detail.loading ? 'Loading…' : '—'}</p>
            ) : data.conflicts.filter((c) => c.state !== 'resolved').length === 0 ? (
              <p className="muted">None open.</p>
            ) : (
              <ul className="list">
                {data.conflicts
                  .filter((c) => c.state !== 'resolved')
                  .map((c) => (
                    <li key={c.id} className={`conflict-item conflict-item--${c.kind}`}>
                      <ConflictBadge kind={c.kind} /> with {c.sessions.filter((s) => s !== id).join(', ') || 'upstream'}
                      <div className="next-action">Next: {c.nextAction}</div>
                      <div className="muted mono small">{c.paths.join(', ')}</div>
                      <div className="muted small">
                        resolver {c.resolver} · {c.state}
                      </div>
                    </li>
                  ))}
              </ul>
            )}
          </section>

          <section className="detail__section">
            <h3>Leases</h3>
            {!data ? (
              <p className="muted">{detail.loading ? 'Loading…' : '—'}</p>
            ) : data.leases.length === 0 ? (
              <p className="muted">Holds nothing.</p>
            ) : (
              <ul className="list">
                {data.leases.map((l) => (
                  <li key={l.id}>
                    <span className={`chip lease lease--${l.mode}`}>{l.mode}</span> <span className="mono">{l.pattern}</span>
                    <span className="muted small">
                      {' '}
                      fence {l.fence}
                      {l.expiresAt ? ` · until ${formatDateTime(l.expiresAt)}` : ''}
                      {l.reason ? ` · ${l.reason}` : ''}
                    </span>
                    {!shown.endedAt && <HandOverSelect pattern={l.pattern} from={id} />}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="detail__section">
            <h3>Approvals</h3>
            {!data ? (
              <p className="muted">{detail.loading ? 'Loading…' : '—'}</p>
            ) : data.approvals.length === 0 ? (
              <p className="muted">None requested.</p>
            ) : (
              <ul className="list">
                {data.approvals.map((a) => (
                  <li key={a.id} className={a.state === 'pending' ? 'is-pending' : ''}>
                    <span className={`chip tier tier--${a.tier}`}>tier {a.tier}</span> {a.action}{' '}
                    <span className={`chip approval-state approval-state--${a.state}`}>{a.state}</span>
                    {a.decidedBy && <span className="muted small"> by {a.decidedBy}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="detail__section">
            <h3>Audit trail</h3>
            {!data ? (
              <p className="muted">{detail.loading ? 'Loading…' : '—'}</p>
            ) : data.events.length === 0 ? (
              <p className="muted">No events.</p>
            ) : (
              <ol className="events">
                {[...data.events].sort((a, b) => b.id - a.id).map((event) => (
                  <EventLine key={event.id} event={event} />
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </aside>
  );
}
