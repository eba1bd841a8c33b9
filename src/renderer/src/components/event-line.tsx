import type { BoardEvent } from '../../../shared/board';
import { formatClock } from '../format/age';
import { eventSentence } from '../format/event-sentence';

/** One audit event in the lead's words. The session it is about is a button that opens it. */
export function EventLine({ event, onOpenSession }: { event: BoardEvent; onOpenSession?: (id: string) => void }) {
  const { session, text, by } = eventSentence(event);
  return (
    <li className={`event event--${event.kind.split('.')[0]}`} data-testid="event" data-kind={event.kind} title={`${event.kind} ${event.subject}`}>
      <time className="event__time mono" dateTime={event.at}>
        {formatClock(event.at)}
      </time>
      <span className="event__text">
        {session !== null &&
          (onOpenSession ? (
            <button type="button" className="link mono" onClick={() => onOpenSession(session)}>
              {session}
            </button>
          ) : (
            <span className="mono">{session}</span>
          ))}{' '}
        {text}
      </span>
      {by && <span className="event__actor muted">by {by}</span>}
    </li>
  );
}
