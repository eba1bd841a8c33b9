import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  children: ReactNode;
  /** The buttons; the one marked `data-autofocus` gets focus when the dialog opens. */
  actions: ReactNode;
  onCancel: () => void;
  testId: string;
  /** Alert dialogs ask about something risky: screen readers announce them at once. */
  role?: 'dialog' | 'alertdialog';
}

/** A modal over the control room. Esc or a click outside cancels, which is always the safe answer. */
export function Dialog({ title, children, actions, onCancel, testId, role = 'dialog' }: DialogProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus]') ?? box.current?.querySelector<HTMLElement>('button, input, textarea, select');
    first?.focus();
    return () => before?.focus();
  }, []);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={box}
        className="dialog"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onKeyDown={(e) => {
          // The page's own Esc closes the detail panel; here it only closes the dialog.
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <div className="dialog__body">{children}</div>
        <div className="dialog__actions">{actions}</div>
      </div>
    </div>
  );
}
