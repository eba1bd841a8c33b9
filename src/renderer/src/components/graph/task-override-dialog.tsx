import { useActions, useControlRoom } from '../../store/store-context';
import { OverrideConfirm } from '../override-confirm';

/** The coordinator refused a task hand-over as a tier-3 ownership override; the lead confirms it or drops it. */
export function TaskOverrideDialog() {
  const override = useControlRoom((s) => s.taskOverride);
  const { confirmTaskOverride, cancelTaskOverride } = useActions();
  if (!override) return null;
  const holder = override.holder || 'a live session';
  return (
    <OverrideConfirm
      testId="task-override-dialog"
      title={`Take task ${override.task} from ${holder}?`}
      keepLabel={`Leave it with ${holder}`}
      takeLabel={`Give it to ${override.to} (tier 3)`}
      onKeep={cancelTaskOverride}
      onTake={() => void confirmTaskOverride()}
    >
      <p>
        Moving task <strong>{override.task}</strong> (“{override.title}”) to <strong>{override.to}</strong> takes it from{' '}
        <strong>{holder}</strong>, which is still working. That is an ownership override: only you can make it, and it is recorded in
        the audit log.
      </p>
      <p className="muted small">{override.reason}</p>
    </OverrideConfirm>
  );
}
