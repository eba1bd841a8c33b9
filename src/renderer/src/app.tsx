import { useCallback, useState } from 'react';
import { ActivityFeed } from './components/activity-feed';
import { AppHeader, SEARCH_INPUT_ID } from './components/app-header';
import { ApprovalsInbox } from './components/approvals-inbox';
import { BoardTable } from './components/board-table';
import { ConflictsView } from './components/conflicts-view';
import { EmptyState } from './components/empty-state';
import { FilterBar } from './components/filter-bar';
import { GraphView } from './components/graph/graph-view';
import { NoticeStack } from './components/notice-stack';
import { OverrideDialog } from './components/override-dialog';
import { ProgressStrip } from './components/progress-strip';
import { SessionDetail } from './components/session-detail';
import { ShortcutHelp } from './components/shortcut-help';
import { TabBar } from './components/tab-bar';
import { useDocumentTheme } from './hooks/use-document-theme';
import { useKeyboardShortcuts } from './hooks/use-keyboard-shortcuts';
import { useActions, useControlRoom } from './store/store-context';

export function App() {
  const tab = useControlRoom((s) => s.view.tab);
  const theme = useControlRoom((s) => s.view.theme);
  const selectedSessionId = useControlRoom((s) => s.view.selectedSessionId);
  const selectedStatus = useControlRoom((s) => (selectedSessionId === null ? null : (s.board.sessions[selectedSessionId]?.status ?? null)));
  const hasDetail = selectedSessionId !== null;
  const actions = useActions();
  const [helpOpen, setHelpOpen] = useState(false);
  const toggleHelp = useCallback(() => setHelpOpen((open) => !open), []);
  useDocumentTheme(theme);
  useKeyboardShortcuts(actions, SEARCH_INPUT_ID, { tab, selectedSessionId, selectedStatus }, toggleHelp);

  return (
    <div className={`app${hasDetail ? ' has-detail' : ''}`}>
      <AppHeader />
      <TabBar onShowShortcuts={toggleHelp} />
      <ProgressStrip />
      <div className="workspace">
        <main className="view" data-view={tab}>
          <TabContent />
        </main>
        <SessionDetail />
      </div>
      <NoticeStack />
      <OverrideDialog />
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

function TabContent() {
  const tab = useControlRoom((s) => s.view.tab);
  const loadState = useControlRoom((s) => s.loadState);
  const loadError = useControlRoom((s) => s.loadError);
  const empty = useControlRoom((s) => Object.keys(s.board.sessions).length === 0);

  if (loadState !== 'ready') {
    return (
      <div className="calm" data-testid="load-state">
        <h2>{loadState === 'loading' ? 'Loading the board…' : 'Cannot load the board'}</h2>
        {loadError && <p className="muted">{loadError}</p>}
      </div>
    );
  }
  if (tab === 'conflicts') return <ConflictsView />;
  if (tab === 'approvals') return <ApprovalsInbox />;
  if (tab === 'activity') return <ActivityFeed />;
  if (empty) return <EmptyState />;
  return (
    <>
      <FilterBar />
      {tab === 'graph' ? <GraphView /> : <BoardTable />}
    </>
  );
}
