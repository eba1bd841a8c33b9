import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress, type ShortcutContext } from '../../../src/renderer/src/store/keyboard-shortcuts';

const press = (key: string, patch: Partial<KeyPress> = {}): KeyPress => ({ key, withModifier: false, typing: false, inDialog: false, ...patch });
const inbox: ShortcutContext = { tab: 'approvals', selectedSessionId: null };
const graphWithS2: ShortcutContext = { tab: 'graph', selectedSessionId: 's2' };

describe('keyboard shortcuts: key → action', () => {
  it.each<[string, KeyPress, ShortcutContext, ReturnType<typeof shortcutFor>]>([
    ['g opens the graph', press('g'), inbox, { type: 'tab', tab: 'graph' }],
    ['v opens the activity feed', press('v'), inbox, { type: 'tab', tab: 'activity' }],
    ['/ goes to search', press('/'), graphWithS2, { type: 'search' }],
    ['? shows the list', press('?'), graphWithS2, { type: 'help' }],
    ['j moves down the inbox', press('j'), inbox, { type: 'move-approval', by: 1 }],
    ['k moves up the inbox', press('k'), inbox, { type: 'move-approval', by: -1 }],
    ['y approves in the inbox', press('y'), inbox, { type: 'decide-approval', decision: 'approve' }],
    ['n denies in the inbox', press('n'), inbox, { type: 'decide-approval', decision: 'deny' }],
    ['p pauses or resumes the open session', press('p'), graphWithS2, { type: 'pause-or-resume' }],
    ['Esc works even in a field', press('Escape', { typing: true }), inbox, { type: 'escape' }],
  ])('%s', (_name, key, context, expected) => {
    expect(shortcutFor(key, context)).toEqual(expected);
  });

  it.each<[string, KeyPress, ShortcutContext]>([
    ['y outside the inbox decides nothing', press('y'), graphWithS2],
    ['j outside the inbox moves nothing', press('j'), graphWithS2],
    ['p with no session open', press('p'), inbox],
    ['letters typed into a field stay text', press('y', { typing: true }), inbox],
    ['/ typed into a field stays text', press('/', { typing: true }), inbox],
    ['Ctrl/Cmd/Alt combinations are the browser’s', press('a', { withModifier: true }), inbox],
    ['nothing behind an open dialog', press('y', { inDialog: true }), inbox],
    ['Esc in a dialog is the dialog’s', press('Escape', { inDialog: true }), inbox],
    ['an unknown key', press('x'), inbox],
  ])('%s → nothing', (_name, key, context) => {
    expect(shortcutFor(key, context)).toBeNull();
  });
});
