import { useShallow } from 'zustand/react/shallow';
import { attentionCounts } from '../store/attention';
import { useActions, useControlRoom } from '../store/store-context';
import { TABS, type Tab } from '../store/view-state';

const TAB_LABEL: Record<Tab, { label: string; key: string }> = {
  graph: { label: 'Graph', key: 'g' },
  board: { label: 'Board', key: 'b' },
  conflicts: { label: 'Conflicts', key: 'c' },
  approvals: { label: 'Approvals', key: 'a' },
  activity: { label: 'Activity', key: 'v' },
};

export function TabBar({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const tab = useControlRoom((s) => s.view.tab);
  const counts = useControlRoom(useShallow((s) => attentionCounts(s.board)));
  const { setTab } = useActions();
  const badge: Partial<Record<Tab, { n: number; loud: boolean }>> = {
    conflicts: { n: counts.openConflicts, loud: counts.hardCollisions > 0 },
    approvals: { n: counts.pendingApprovals, loud: counts.pendingApprovals > 0 },
  };
  return (
    <nav className="tab-bar" role="tablist" aria-label="Views">
      {TABS.map((id) => {
        const { label, key } = TAB_LABEL[id];
        const b = badge[id];
        return (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`tab${tab === id ? ' is-active' : ''}`}
            data-testid={`tab-${id}`}
            onClick={() => setTab(id)}
            title={key ? `${label} (${key})` : label}
          >
            {label}
            {b && b.n > 0 && <span className={`tab__badge${b.loud ? ' is-loud' : ''}`}>{b.n}</span>}
            {key && <kbd className="tab__key">{key}</kbd>}
          </button>
        );
      })}
      <button type="button" className="button ghost tab-bar__help" data-testid="show-shortcuts" onClick={onShowShortcuts} title="Keyboard shortcuts (?)">
        Shortcuts <kbd className="tab__key">?</kbd>
      </button>
    </nav>
  );
}
