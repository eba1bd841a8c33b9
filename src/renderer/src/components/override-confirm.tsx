import type { ReactNode } from 'react';
import { Dialog } from './dialog';

interface OverrideConfirmProps {
  testId: string;
  title: string;
  /** The button that leaves things with the holder (focused first: the safe choice). */
  keepLabel: ReactNode;
  /** The button that makes the tier-3 override. */
  takeLabel: ReactNode;
  onKeep(): void;
  onTake(): void;
  children: ReactNode;
}

/** A tier-3 ownership override put to the lead: leave it with its live holder, or take it. */
export function OverrideConfirm({ testId, title, keepLabel, takeLabel, onKeep, onTake, children }: OverrideConfirmProps) {
  return (
    <Dialog
      role="alertdialog"
      testId={testId}
      title={title}
      onCancel={onKeep}
      actions={
        <>
          <button type="button" className="button" data-autofocus onClick={onKeep}>
            {keepLabel}
          </button>
          <button type="button" className="button danger" onClick={onTake}>
            {takeLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
