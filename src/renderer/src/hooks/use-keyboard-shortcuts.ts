import { useEffect } from 'react';
import type { ControlRoomActions } from '../store/control-room-store';
import type { Tab } from '../store/view-state';

const TAB_KEYS: Record<string, Tab> = { g: 'graph', b: 'board', c: 'conflicts', a: 'approvals' };

/** g b c a switch views, / focuses search, Esc leaves a field or closes the detail panel. */
export function useKeyboardShortcuts(actions: Pick<ControlRoomActions, 'setTab' | 'selectSession'>, searchInputId: string): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const typing = target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (event.key === 'Escape') {
        if (typing) target.blur();
        else actions.selectSession(null);
        return;
      }
      if (typing) return;
      if (event.key === '/') {
        event.preventDefault();
        document.getElementById(searchInputId)?.focus();
        return;
      }
      const tab = TAB_KEYS[event.key];
      if (tab) actions.setTab(tab);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, searchInputId]);
}
