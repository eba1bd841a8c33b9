import { useShallow } from 'zustand/react/shallow';
import { scanNotice } from '../format/scan-progress';
import { useControlRoom } from '../store/store-context';

/**
 * What the coordinator is doing for the lead right now — their own slow writes (git work) and its
 * first conflict scan — so a slow step never looks like a frozen page.
 */
export function ProgressStrip() {
  const labels = useControlRoom(useShallow((s) => Object.values(s.busy)));
  const scan = scanNotice(useControlRoom((s) => s.scan));
  if (labels.length === 0 && scan === null) return null;
  return (
    <div className="progress-strip" role="status" aria-live="polite" data-testid="progress">
      {scan && (
        <span className={`progress-strip__item${scan.failed ? ' is-failed' : ''}`} data-testid="scan-progress">
          {!scan.failed && <span className="spinner" aria-hidden="true" />}
          {scan.text}
        </span>
      )}
      {labels.map((label) => (
        <span key={label} className="progress-strip__item">
          <span className="spinner" aria-hidden="true" />
          {label}
        </span>
      ))}
    </div>
  );
}
