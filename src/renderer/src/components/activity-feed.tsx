import { useActions, useControlRoom } from '../store/store-context';
import { EventLine } from './event-line';

export function ActivityFeed() {
  const activity = useControlRoom((s) => s.activity);
  const { selectSession } = useActions();
  if (activity.length === 0) return <p className="calm muted">No activity yet.</p>;
  return (
    <ol className="events activity" data-testid="activity">
      {activity.map((event) => (
        <EventLine key={event.id} event={event} onOpenSession={selectSession} />
      ))}
    </ol>
  );
}
