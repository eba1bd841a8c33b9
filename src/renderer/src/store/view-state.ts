import type { ConflictKind, SessionStatus } from '../../../shared/board';

export const TABS = ['graph', 'board', 'conflicts', 'approvals', 'activity'] as const;
export type Tab = (typeof TABS)[number];

export type Theme = 'system' | 'light' | 'dark';

/** Empty lists mean "no filter". */
export interface Filters {
  statuses: SessionStatus[];
  conflictKinds: ConflictKind[];
  sessionIds: string[];
  search: string;
}

export const NO_FILTERS: Filters = { statuses: [], conflictKinds: [], sessionIds: [], search: '' };

export type SortColumn = 'id' | 'title' | 'owner' | 'status' | 'branch' | 'priority' | 'checkpoint' | 'conflicts';

export interface SortOrder {
  column: SortColumn;
  direction: 'asc' | 'desc';
}

export interface ViewState {
  tab: Tab;
  selectedSessionId: string | null;
  /** The session a lease or asset is being dragged over, lit up as the drop target. */
  dropTarget: string | null;
  filters: Filters;
  sort: SortOrder;
  theme: Theme;
}

export function toggled<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
