import { useEffect, useSyncExternalStore } from 'react';
import type { Category } from '../../../shared/catalog/category.ts';
import type { PriceList } from '../../../shared/catalog/list.ts';
import type { Warehouse } from '../../../shared/stock/schemas.ts';
import { getClient } from './api.ts';

/**
 * Small lists every catalog and stock screen needs (catalog languages, categories, price lists,
 * warehouses), loaded once per window and shared; a screen that changes one calls `refresh`.
 */
export interface Reference {
  languages: readonly string[];
  categories: readonly Category[];
  priceLists: readonly PriceList[];
  /** Active and inactive, by code. */
  warehouses: readonly Warehouse[];
}

type Kind = keyof Reference;

interface Snapshot {
  data: Partial<Reference>;
  errors: Partial<Record<Kind, unknown>>;
}

let snapshot: Snapshot = { data: {}, errors: {} };
const listeners = new Set<() => void>();
const loading = new Set<Kind>();

function emit(): void {
  for (const l of listeners) l();
}

const loaders: { [K in Kind]: () => Promise<Reference[K]> } = {
  languages: async () => (await getClient().call('catalog.languages.get', {})).languages,
  categories: () => getClient().call('catalog.categories.list', {}),
  priceLists: () => getClient().call('catalog.priceLists.list', {}),
  warehouses: () => getClient().call('warehouses.list', { includeInactive: true }),
};

/** Loads (again) one list; the screens showing it follow. */
export function refresh(kind: Kind): Promise<void> {
  loading.add(kind);
  return loaders[kind]()
    .then((value) => {
      snapshot = { data: { ...snapshot.data, [kind]: value }, errors: { ...snapshot.errors, [kind]: undefined } };
    })
    .catch((error: unknown) => {
      snapshot = { ...snapshot, errors: { ...snapshot.errors, [kind]: error } };
    })
    .finally(() => {
      loading.delete(kind);
      emit();
    });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The lists named, loaded on first use. Each is undefined until it has arrived; `error` is the
 * first failure among them (the screen says so and offers `retry`).
 */
export function useReference<K extends Kind>(...kinds: K[]): {
  ref: Partial<Pick<Reference, K>>;
  error: unknown;
  retry: () => void;
} {
  const snap = useSyncExternalStore(subscribe, () => snapshot);
  const key = kinds.join(',');
  useEffect(() => {
    for (const kind of key.split(',') as Kind[]) {
      if (snapshot.data[kind] === undefined && snapshot.errors[kind] === undefined && !loading.has(kind)) void refresh(kind);
    }
  }, [key]);
  const error = kinds.map((k) => snap.errors[k]).find((e) => e !== undefined);
  return {
    ref: snap.data,
    error,
    retry: () => {
      for (const kind of kinds) void refresh(kind);
    },
  };
}
