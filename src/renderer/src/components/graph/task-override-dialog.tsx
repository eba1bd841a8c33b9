import { useActions, useControlRoom } from '../../store/store-context';
import { Dialog } from '../dialog';

/** The coordinator refused a task hand-over as a tier-3 ownership override; the lead confirms it or drops it. */
export function TaskOverrideDialog() {
  const override = useControlRoom((s) => s.taskOverride);
  const { confirmTaskOverride, cancelTaskOverride } = useActions();
  if (!override) return null;
  const holder = override.holder || 'a live session';
  return (
    <Dialog
      role="alertdialog"
      testId="task-override-dialog"
      title={`Take task ${override.task} from ${holder}?`}
      onCancel={cancelTaskOverride}
      actions={
        <>
          <button type="button" className="button" data-autofocus onClick={cancelTaskOverride}>
            Leave it with {holder}
          </button>
          <button type="button" className="button danger" onClick={() => void confirmTaskOverride()}>
            Give it to {override.to} (tier 3)
          </button>
        </>
      }
    >
      <p>
        Moving task <strong>{override.task}</strong> (“{override.title}”) to <strong>{override.to}</strong> takes it from{' '}
        <strong>{holder}</strong>, which is still working. That is an ownership override: only you can make it, and it is recorded in
        the audit log.
      </p>
      <p className="muted small">{override.reason}</p>
    </Dialog>
  );
}
