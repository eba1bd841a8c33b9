import type { Tab } from './view-state';

/** What a key does; the keyboard hook carries it out. Pure data, so the mapping is tested alone. */
export type Shortcut =
  | { type: 'tab'; tab: Tab }
  | { type: 'search' }
  | { type: 'escape' }
  | { type: 'help' }
  | { type: 'move-approval'; by: 1 | -1 }
  | { type: 'decide-approval'; decision: 'approve' | 'deny' }
  | { type: 'pause-or-resume' };

export interface KeyPress {
  key: string;
  /** Ctrl, Cmd or Alt held: the browser's or the system's shortcut, never ours. */
  withModifier: boolean;
  /** Focus is in a text field: keys are text. */
  typing: boolean;
  /** A dialog is open: it alone answers keys, so nothing behind it is approved by accident. */
  inDialog: boolean;
}

export interface ShortcutContext {
  tab: Tab;
  selectedSessionId: string | null;
}

const TAB_KEYS: Record<string, Tab> = { g: 'graph', b: 'board', c: 'conflicts', a: 'approvals', v: 'activity' };

/** The list `?` shows, in the order a lead learns them. */
export const SHORTCUT_LIST: { keys: string; does: string }[] = [
  { keys: 'g  b  c  a  v', does: 'Views: graph, board, conflicts, approvals, activity' },
  { keys: '/', does: 'Search sessions' },
  { keys: 'j  k', does: 'Approvals: next / previous request' },
  { keys: 'y  n', does: 'Approvals: approve / deny the focused request' },
  { keys: 'p', does: 'Pause or resume the open session' },
  { keys: 'Esc', does: 'Leave a field, close the session panel' },
  { keys: '?', does: 'Show this list' },
];

export function shortcutFor(press: KeyPress, context: ShortcutContext): Shortcut | null {
  if (press.withModifier || press.inDialog) return null;
  if (press.key === 'Escape') return { type: 'escape' };
  if (press.typing) return null;
  if (press.key === '/') return { type: 'search' };
  if (press.key === '?') return { type: 'help' };
  const tab = TAB_KEYS[press.key];
  if (tab) return { type: 'tab', tab };
  if (context.tab === 'approvals') {
    if (press.key === 'j') return { type: 'move-approval', by: 1 };
    if (press.key === 'k') return { type: 'move-approval', by: -1 };
    if (press.key === 'y') return { type: 'decide-approval', decision: 'approve' };
    if (press.key === 'n') return { type: 'decide-approval', decision: 'deny' };
  }
  if (press.key === 'p' && context.selectedSessionId !== null) return { type: 'pause-or-resume' };
  return null;
}
