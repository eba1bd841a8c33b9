import { useShallow } from 'zustand/react/shallow';
import { useControlRoom } from '../store/store-context';

/** What the coordinator is doing for the lead right now, so a slow git step never looks like a frozen page. */
export function ProgressStrip() {
  const labels = useControlRoom(useShallow((s) => Object.values(s.busy)));
  if (labels.length === 0) return null;
  return (
    <div className="progress-strip" role="status" aria-live="polite" data-testid="progress">
      {labels.map((label) => (
        <span key={label} className="progress-strip__item">
          <span className="spinner" aria-hidden="true" />
          {label}
        </span>
      ))}
    </div>
  );
}
