import { useActions, useControlRoom } from '../store/store-context';
import { OverrideConfirm } from './override-confirm';

/** The coordinator refused a hand-over as a tier-3 ownership override; the lead confirms it or drops it. */
export function OverrideDialog() {
  const override = useControlRoom((s) => s.override);
  const { confirmOverride, cancelOverride } = useActions();
  if (!override) return null;
  const holders = override.holders.join(', ') || 'a live session';
  return (
    <OverrideConfirm
      testId="override-dialog"
      title={`Take the write lease from ${holders}?`}
      keepLabel={`Leave it with ${holders}`}
      takeLabel={`Take it for ${override.to} (tier 3)`}
      onKeep={cancelOverride}
      onTake={() => void confirmOverride()}
    >
      <p>
        Moving <span className="mono">{override.patterns.join(', ')}</span> to <strong>{override.to}</strong> takes a write lease from{' '}
        <strong>{holders}</strong>, which is still working. That is an ownership override: only you can make it, and it is recorded in
        the audit log.
      </p>
      <ul className="dialog__reasons">
        {override.reasons.map((reason) => (
          <li key={reason} className="muted small">
            {reason}
          </li>
        ))}
      </ul>
      <p className="muted small">
        From then on, {holders} is told that {override.to} holds these files when it checks before an edit.
      </p>
    </OverrideConfirm>
  );
}
