import type { BoardEvent } from '../../../shared/board';
import { parseSubject } from '../store/apply-event';
import { formatClock } from '../format/age';

/** One audit event. A session subject is a button that opens that session. */
export function EventLine({ event, onOpenSession }: { event: BoardEvent; onOpenSession?: (id: string) => void }) {
  const subject = parseSubject(event.subject);
  return (
    <li className={`event event--${event.kind.split('.')[0]}`} data-testid="event">
      <time className="event__time mono" dateTime={event.at}>
        {formatClock(event.at)}
      </time>
      <span className="event__kind">{event.kind}</span>
      {subject?.type === 'session' && onOpenSession ? (
        <button type="button" className="link mono" onClick={() => onOpenSession(subject.id)}>
          {event.subject}
        </button>
      ) : (
        <span className="event__subject mono">{event.subject}</span>
      )}
      <span className="event__actor muted">by {event.actor}</span>
    </li>
  );
}
