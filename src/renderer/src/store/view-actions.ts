import type { StoreApi } from 'zustand/vanilla';
import type { ControlRoomActions, ControlRoomState } from './control-room-store';
import { NO_FILTERS, toggled, type ViewState } from './view-state';

export type ViewActions = Pick<
  ControlRoomActions,
  | 'setTab'
  | 'setSearch'
  | 'toggleStatusFilter'
  | 'toggleConflictKindFilter'
  | 'setSessionFilter'
  | 'clearFilters'
  | 'sortBy'
  | 'setTheme'
  | 'placeNode'
  | 'setDropTarget'
>;

/** What the lead is looking at and how: tab, filters, sort, theme, where nodes sit. No Api calls. */
export function createViewActions(
  set: StoreApi<ControlRoomState>['setState'],
  get: StoreApi<ControlRoomState>['getState'],
  effects: { relayout(): void; savePreferences(): void },
): ViewActions {
  const setView = (patch: Partial<ViewState>): void => set((s) => ({ view: { ...s.view, ...patch } }));
  const setFilters = (patch: Partial<ViewState['filters']>): void => {
    setView({ filters: { ...get().view.filters, ...patch } });
    effects.relayout();
  };

  return {
    setTab(tab) {
      setView({ tab });
      effects.savePreferences();
    },
    setSearch(text) {
      setFilters({ search: text });
    },
    toggleStatusFilter(status) {
      setFilters({ statuses: toggled(get().view.filters.statuses, status) });
    },
    toggleConflictKindFilter(kind) {
      setFilters({ conflictKinds: toggled(get().view.filters.conflictKinds, kind) });
    },
    setSessionFilter(id) {
      setFilters({ sessionIds: id === null ? [] : [id] });
    },
    clearFilters() {
      setFilters(NO_FILTERS);
    },
    sortBy(column) {
      const { sort } = get().view;
      setView({ sort: { column, direction: sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc' } });
    },
    setTheme(theme) {
      setView({ theme });
      effects.savePreferences();
    },
    setDropTarget(sessionId) {
      if (get().view.dropTarget !== sessionId) setView({ dropTarget: sessionId });
    },
    placeNode(nodeId, position) {
      set((s) => ({
        positions: { ...s.positions, [nodeId]: position },
        graph: { ...s.graph, nodes: s.graph.nodes.map((n) => (n.id === nodeId ? { ...n, position } : n)) },
      }));
    },
  };
}
