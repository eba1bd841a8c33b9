import { useMemo } from 'react';
import { formatAge } from '../format/age';
import { CONFLICT_SEVERITY } from '../graph/graph-types';
import { useNow } from '../hooks/use-now';
import { useActions, useControlRoom } from '../store/store-context';
import { ConflictBadge } from './badges';

/** Open conflicts, worst first: what collides, and the one thing to do next. */
export function ConflictsView() {
  const conflicts = useControlRoom((s) => s.board.conflicts);
  const { selectSession } = useActions();
  const now = useNow();
  const { open, resolved } = useMemo(() => {
    const all = Object.values(conflicts);
    return {
      open: all
        .filter((c) => c.state !== 'resolved')
        .sort((a, b) => CONFLICT_SEVERITY[a.kind] - CONFLICT_SEVERITY[b.kind] || a.detectedAt.localeCompare(b.detectedAt)),
      resolved: all.length - all.filter((c) => c.state !== 'resolved').length,
    };
  }, [conflicts]);

  if (open.length === 0) {
    return (
      <div className="calm" data-testid="conflicts-empty">
        <h2>No open conflicts</h2>
        <p className="muted">Every session's route is clear{resolved ? ` (${resolved} resolved)` : ''}.</p>
      </div>
    );
  }
  return (
    <div className="cards" data-testid="conflicts">
      {open.map((c) => (
        <article key={c.id} className={`card conflict-card conflict-card--${c.kind}`} data-testid="conflict">
          <header className="card__head">
            <ConflictBadge kind={c.kind} />
            <span className="mono muted">{c.id}</span>
            <span className="muted">
              {c.state} · detected {formatAge(c.detectedAt, now)}
            </span>
          </header>
          <p className="next-action">
            <strong>Next:</strong> {c.nextAction}
          </p>
          <p>
            Sessions:{' '}
            {c.sessions.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <button type="button" className="link mono" onClick={() => selectSession(id)}>
                  {id}
                </button>
              </span>
            ))}{' '}
            · resolver <strong>{c.resolver}</strong>
          </p>
          {c.paths.length > 0 && (
            <ul className="paths mono">
              {c.paths.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </div>
  );
}
