import { useShallow } from 'zustand/react/shallow';
import { SESSION_STATUSES, type ConflictKind } from '../../../shared/board';
import { useActions, useControlRoom } from '../store/store-context';
import { CONFLICT_LABEL } from './badges';

const CONFLICT_KINDS: ConflictKind[] = ['hard-collision', 'stale-base', 'soft-overlap'];

export function FilterBar() {
  const filters = useControlRoom((s) => s.view.filters);
  const sessionIds = useControlRoom(useShallow((s) => Object.keys(s.board.sessions).sort()));
  const { toggleStatusFilter, toggleConflictKindFilter, setSessionFilter, clearFilters } = useActions();
  const active =
    filters.statuses.length + filters.conflictKinds.length + filters.sessionIds.length > 0 || filters.search.trim() !== '';
  return (
    <div className="filter-bar" role="toolbar" aria-label="Filters">
      <span className="filter-bar__label filter-bar__label--group">Status</span>
      {SESSION_STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          className={`chip toggle status--${status}${filters.statuses.includes(status) ? ' is-on' : ''}`}
          aria-pressed={filters.statuses.includes(status)}
          onClick={() => toggleStatusFilter(status)}
        >
          {status}
        </button>
      ))}
      <span className="filter-bar__label filter-bar__label--group">Conflict</span>
      {CONFLICT_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className={`chip toggle conflict--${kind}${filters.conflictKinds.includes(kind) ? ' is-on' : ''}`}
          aria-pressed={filters.conflictKinds.includes(kind)}
          onClick={() => toggleConflictKindFilter(kind)}
        >
          {CONFLICT_LABEL[kind]}
        </button>
      ))}
      <label className="filter-bar__label">
        Session{' '}
        <select value={filters.sessionIds[0] ?? ''} onChange={(e) => setSessionFilter(e.target.value || null)}>
          <option value="">all</option>
          {sessionIds.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="button ghost" onClick={clearFilters}>
          Clear filters
        </button>
      )}
    </div>
  );
}
