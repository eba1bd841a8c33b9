import { useMemo } from 'react';
import type { BoardEvent } from '../../../shared/board';
import { formatAge, formatDateTime } from '../format/age';
import { checkpointHistory } from '../format/checkpoint-history';

/** What the session said about its progress, newest first: note, commit, whether its tests passed. */
export function CheckpointHistory({ events, loading, now }: { events: readonly BoardEvent[] | null; loading: boolean; now: number }) {
  const entries = useMemo(() => (events ? checkpointHistory(events) : []), [events]);
  return (
    <section className="detail__section" data-testid="checkpoints">
      <h3>Checkpoints{entries.length > 0 && ` (${entries.length})`}</h3>
      {!events ? (
        <p className="muted">{loading ? 'Loading…' : '—'}</p>
      ) : entries.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ol className="list checkpoints">
          {entries.map((entry) => (
            <li key={entry.eventId} data-testid="checkpoint">
              <div className="checkpoint__head">
                <time dateTime={entry.at} title={formatDateTime(entry.at)}>
                  {formatAge(entry.at, now)}
                </time>
                {entry.commit && <span className="mono muted">{entry.commit.slice(0, 8)}</span>}
                {entry.testsPassed && (
                  <span className="chip status--active" title={entry.testCommand ?? undefined}>
                    tests pass
                  </span>
                )}
              </div>
              <div className={entry.note ? '' : 'muted'}>{entry.note ?? 'no note'}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
