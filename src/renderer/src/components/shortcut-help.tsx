import { SHORTCUT_LIST } from '../store/keyboard-shortcuts';
import { Dialog } from './dialog';

/** The list `?` opens: every key the control room answers. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      testId="shortcut-help"
      title="Keyboard shortcuts"
      onCancel={onClose}
      actions={
        <button type="button" className="button" data-autofocus onClick={onClose}>
          Close
        </button>
      }
    >
      <dl className="shortcut-list">
        {SHORTCUT_LIST.map(({ keys, does }) => (
          <div key={keys} className="shortcut-list__row">
            <dt>
              {keys.split(/\s+/).map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
