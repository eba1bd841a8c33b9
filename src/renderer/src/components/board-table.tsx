import { useMemo } from 'react';
import type { Session } from '../../../shared/board';
import { formatAge } from '../format/age';
import { useNow } from '../hooks/use-now';
import { filterContext, sessionMatches } from '../store/session-filter';
import { sortSessions } from '../store/session-sort';
import { useActions, useControlRoom } from '../store/store-context';
import type { SortColumn } from '../store/view-state';
import { FlagChips, StatusBadge } from './badges';

const COLUMNS: { column: SortColumn; label: string }[] = [
  { column: 'id', label: 'ID' },
  { column: 'title', label: 'Title' },
  { column: 'owner', label: 'Owner' },
  { column: 'status', label: 'Status' },
  { column: 'branch', label: 'Branch' },
  { column: 'priority', label: 'Priority' },
  { column: 'checkpoint', label: 'Checkpoint' },
  { column: 'conflicts', label: 'Conflicts' },
];

export function BoardTable() {
  const board = useControlRoom((s) => s.board);
  const filters = useControlRoom((s) => s.view.filters);
  const sort = useControlRoom((s) => s.view.sort);
  const selected = useControlRoom((s) => s.view.selectedSessionId);
  const { sortBy, selectSession } = useActions();
  const now = useNow();

  const { rows, conflictCounts, total } = useMemo(() => {
    const context = filterContext(Object.values(board.leases), Object.values(board.conflicts));
    const counts: Record<string, number> = {};
    for (const conflict of context.openConflicts) for (const id of conflict.sessions) counts[id] = (counts[id] ?? 0) + 1;
    const all = Object.values(board.sessions);
    const shown = all.filter((s) => sessionMatches(s, filters, context));
    return { rows: sortSessions(shown, sort, counts), conflictCounts: counts, total: all.length };
  }, [board, filters, sort]);

  const open = (session: Session) => selectSession(session.id);

  return (
    <div className="board-table-wrap">
      <table className="board-table" data-testid="board-table">
        <thead>
          <tr>
            {COLUMNS.map(({ column, label }) => (
              <th
                key={column}
                scope="col"
                aria-sort={sort.column === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="sort" onClick={() => sortBy(column)}>
                  {label}
                  <span className="sort__arrow" aria-hidden="true">
                    {sort.column === column ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((session) => (
            <tr
              key={session.id}
              data-testid="session-row"
              data-session={session.id}
              className={`row--${session.status}${session.id === selected ? ' is-selected' : ''}`}
              tabIndex={0}
              onClick={() => open(session)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') open(session);
              }}
            >
              <td className="mono" data-col="id">{session.id}</td>
              <td data-col="title">
                <div className="cell-title">{session.title}</div>
                {session.blocker && <div className="cell-blocker">{session.blocker.text}</div>}
              </td>
              <td data-col="owner">{session.owner}</td>
              <td data-col="status">
                <StatusBadge status={session.status} /> <FlagChips flags={session.flags} />
              </td>
              <td className="mono" data-col="branch">{session.branch}</td>
              <td className="num" data-col="priority">{session.priority}</td>
              <td data-col="checkpoint">{formatAge(session.lastCheckpoint?.at ?? null, now)}</td>
              <td className="num" data-col="conflicts">
                {conflictCounts[session.id] ? <span className="chip attention">{conflictCounts[session.id]}</span> : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && total > 0 && <p className="muted pad">No session matches the filters.</p>}
    </div>
  );
}
