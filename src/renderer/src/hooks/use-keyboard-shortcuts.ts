import { useEffect } from 'react';
import type { SessionStatus } from '../../../shared/board';
import type { ControlRoomActions } from '../store/control-room-store';
import { shortcutFor, type ShortcutContext } from '../store/keyboard-shortcuts';

export interface KeyboardContext extends ShortcutContext {
  /** The open session's status, to know whether `p` pauses or resumes it. */
  selectedStatus: SessionStatus | null;
}

const APPROVAL_CARD = '[data-testid=approval]';

/** Moves focus to the next or previous request in the inbox; from nowhere, to the first. */
function moveApprovalFocus(by: 1 | -1): void {
  const cards = [...document.querySelectorAll<HTMLElement>(APPROVAL_CARD)];
  if (cards.length === 0) return;
  const current = cards.findIndex((card) => card.contains(document.activeElement));
  const next = current === -1 ? 0 : Math.min(cards.length - 1, Math.max(0, current + by));
  cards[next]!.focus();
}

/** Presses the focused request's own button, so a key takes exactly the path a click does. */
function decideFocusedApproval(decision: 'approve' | 'deny'): void {
  const card = document.activeElement?.closest<HTMLElement>(APPROVAL_CARD);
  card?.querySelector<HTMLButtonElement>(`button[data-decision="${decision}"]`)?.click();
}

/** Carries out the shortcuts of store/keyboard-shortcuts.ts; keys typed into fields stay text. */
export function useKeyboardShortcuts(
  actions: Pick<ControlRoomActions, 'setTab' | 'selectSession' | 'pauseSession' | 'resumeSession'>,
  searchInputId: string,
  context: KeyboardContext,
  onHelp: () => void,
): void {
  const { tab, selectedSessionId, selectedStatus } = context;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      const shortcut = shortcutFor(
        {
          key: event.key,
          withModifier: event.metaKey || event.ctrlKey || event.altKey,
          typing,
          inDialog: document.querySelector('[aria-modal="true"]') !== null,
        },
        { tab, selectedSessionId },
      );
      if (!shortcut) return;
      switch (shortcut.type) {
        case 'escape':
          if (typing) target.blur();
          else actions.selectSession(null);
          return;
        case 'search':
          event.preventDefault();
          document.getElementById(searchInputId)?.focus();
          return;
        case 'help':
          onHelp();
          return;
        case 'tab':
          actions.setTab(shortcut.tab);
          return;
        case 'move-approval':
          event.preventDefault();
          moveApprovalFocus(shortcut.by);
          return;
        case 'decide-approval':
          decideFocusedApproval(shortcut.decision);
          return;
        case 'pause-or-resume':
          if (selectedSessionId === null || selectedStatus === null || selectedStatus === 'completed') return;
          if (selectedStatus === 'paused') void actions.resumeSession(selectedSessionId);
          else void actions.pauseSession(selectedSessionId);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, searchInputId, tab, selectedSessionId, selectedStatus, onHelp]);
}
