// Reads a ValueStore in a component and re-renders when it changes.
import { useSyncExternalStore } from 'react';
import type { ValueStore } from './value-store';

export function useValue<T>(store: ValueStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
