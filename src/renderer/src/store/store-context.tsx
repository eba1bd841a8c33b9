import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ControlRoomState, ControlRoomStore } from './control-room-store';

const StoreContext = createContext<ControlRoomStore | null>(null);

/** The store is made once at startup around the chosen Api and handed down here. */
export function ControlRoomProvider({ store, children }: { store: ControlRoomStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Read a slice of the store. Selectors that build new objects or arrays need `useShallow`. */
export function useControlRoom<T>(selector: (state: ControlRoomState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useControlRoom needs a <ControlRoomProvider> above it');
  return useStore(store, selector);
}

/** The actions never change, so reading them subscribes to nothing: a thousand edges may call this. */
export function useActions(): ControlRoomState['actions'] {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useActions needs a <ControlRoomProvider> above it');
  return store.getState().actions;
}
