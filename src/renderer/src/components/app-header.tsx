import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConnectionState } from '../../../shared/api';
import { attentionCounts } from '../store/attention';
import { useActions, useControlRoom } from '../store/store-context';
import type { Theme } from '../store/view-state';
import { NewSessionDialog } from './new-session-dialog';

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

const NEXT_THEME: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
const THEME_LABEL: Record<Theme, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

export const SEARCH_INPUT_ID = 'global-search';

export function AppHeader() {
  const connection = useControlRoom((s) => s.connection);
  const counts = useControlRoom(useShallow((s) => attentionCounts(s.board)));
  const search = useControlRoom((s) => s.view.filters.search);
  const theme = useControlRoom((s) => s.view.theme);
  const { setSearch, setTheme, toggleStatusFilter, setTab } = useActions();
  const [creating, setCreating] = useState(false);

  const count = (n: number, label: string, status: 'blocked' | 'awaiting-approval' | 'review-ready') => (
    <button
      type="button"
      className={`count count--${status}${n > 0 ? ' is-loud' : ''}`}
      data-testid={`count-${status}`}
      title={status === 'awaiting-approval' && counts.pendingApprovals > 0 ? 'Open the approvals inbox' : `Show ${label} sessions on the board`}
      onClick={() => {
        // Requests waiting are decided in the inbox; only a bare status needs the board.
        if (status === 'awaiting-approval' && counts.pendingApprovals > 0) {
          setTab('approvals');
          return;
        }
        toggleStatusFilter(status);
        setTab('board');
      }}
    >
      <strong>{n}</strong> {label}
    </button>
  );

  return (
    <header className="app-header">
      <div className="brand" aria-label="Signalbox">
        <span className="brand__mark" aria-hidden="true" />
        Signalbox
      </div>
      <span className={`connection connection--${connection}`} data-testid="connection" role="status">
        <span className="connection__dot" aria-hidden="true" />
        {CONNECTION_LABEL[connection]}
      </span>
      <div className="counts" aria-label="Needs you">
        {count(counts.blocked, 'blocked', 'blocked')}
        {count(counts.awaitingApproval, 'awaiting approval', 'awaiting-approval')}
        {count(counts.reviewReady, 'review-ready', 'review-ready')}
      </div>
      <input
        id={SEARCH_INPUT_ID}
        className="search"
        type="search"
        placeholder="Search sessions, owners, paths  ( / )"
        aria-label="Search sessions"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <button type="button" className="button" data-testid="new-session" onClick={() => setCreating(true)}>
        New session
      </button>
      <button type="button" className="button ghost theme-toggle" onClick={() => setTheme(NEXT_THEME[theme])} title="Switch theme">
        {THEME_LABEL[theme]}
      </button>
      {creating && <NewSessionDialog onClose={() => setCreating(false)} />}
    </header>
  );
}
