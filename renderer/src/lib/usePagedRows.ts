import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PageCache } from './pageCache.ts';

export interface Page<T> {
  rows: readonly T[];
  total: number;
}

export interface PagedRows<T> {
  /** The held rows around the visible window, for DataGrid's `data`. */
  rows: readonly T[];
  /** Each of `rows`' place in the whole list. */
  indexOf: (row: T) => number;
  /** null until the first page has arrived. */
  total: number | null;
  loading: boolean;
  /** The last failed page load (shown by the screen, with a retry). */
  error: unknown;
  /** DataGrid reports the rendered window here. */
  onRangeChange: (start: number, end: number) => void;
  /** Forgets everything and loads the visible window again. */
  reload: () => void;
  /** Loads the page holding `index` again (after a CONFLICT, say). */
  reloadIndex: (index: number) => Promise<void>;
  /** Changes held rows in place (an inline edit's answer). */
  update: (match: (row: T) => boolean, change: (row: T) => T) => void;
  rowAt: (index: number) => T | undefined;
  findIndex: (match: (row: T) => boolean) => number;
}

/**
 * Server-side rows for a virtualised grid: fetches fixed-size pages for the window the grid shows,
 * keeps a bounded number of them, and asks only once scrolling pauses (`debounceMs`), so a flick
 * through 100,000 rows asks for the pages it stops at, not for every page it passed.
 *
 * `queryKey` names the query (filters, sort): a new key drops every page and starts again; null
 * means "not ready yet" (the screen still waits for what the query depends on): nothing is asked.
 * `fetchPage` may change on every render; the latest one is used.
 */
export function usePagedRows<T>(
  queryKey: string | null,
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  { pageSize = 100, debounceMs = 60, margin = 50 }: { pageSize?: number; debounceMs?: number; margin?: number } = {},
): PagedRows<T> {
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  const [state, setState] = useState<{ key: string | null; cache: PageCache<T>; version: number }>(() => ({
    key: queryKey,
    cache: new PageCache<T>(pageSize),
    version: 0,
  }));
  // A failure belongs to the query (cache) it happened in: a new query starts without one.
  const [failure, setFailure] = useState<{ cache: PageCache<T>; error: unknown } | null>(null);
  const [inFlight, setInFlight] = useState(0);
  const range = useRef<[number, number]>([0, pageSize]);
  // The pages in view, as state: the rows handed to the grid follow them (re-rendering per page, not per row scrolled).
  const [span, setSpan] = useState<readonly [number, number]>([0, 0]);
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A new query: a fresh cache (set during render, React's way of resetting state from a prop).
  let current = state;
  if (state.key !== queryKey) {
    current = { key: queryKey, cache: new PageCache<T>(pageSize), version: 0 };
    setState(current);
    setSpan([0, 0]);
  }
  const cache = current.cache;

  const load = useCallback(
    (pages: readonly number[]) => {
      const gen = generation.current;
      for (const page of pages) {
        pending.current.add(page);
        setInFlight((n) => n + 1);
        fetchRef
          .current(page * pageSize, pageSize)
          .then((result) => {
            if (gen !== generation.current) return;
            cache.put(page, result.rows, result.total, [range.current[0] - margin, range.current[1] + margin]);
            setFailure(null);
            setState((s) => (s.cache === cache ? { ...s, version: s.version + 1 } : s));
          })
          .catch((reason: unknown) => {
            if (gen === generation.current) setFailure({ cache, error: reason });
          })
          .finally(() => {
            if (gen === generation.current) pending.current.delete(page);
            setInFlight((n) => n - 1);
          });
      }
    },
    [cache, pageSize, margin],
  );

  const ready = current.key !== null;
  const fetchMissing = useCallback(() => {
    if (!ready) return;
    const [start, end] = range.current;
    cache.touch(cache.pagesFor(start, end));
    load(cache.missing(Math.max(0, start - margin), end + margin, pending.current));
  }, [cache, load, margin, ready]);

  // Every new cache (first render, new query) starts with the window in view.
  useEffect(() => {
    generation.current++;
    pending.current = new Set();
    range.current = [0, pageSize];
    fetchMissing();
    return () => {
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, [cache, fetchMissing, pageSize]);

  const onRangeChange = useCallback(
    (start: number, end: number) => {
      range.current = [start, end];
      const first = Math.floor(start / pageSize);
      const last = Math.floor(Math.max(start, end - 1) / pageSize);
      setSpan((prev) => (prev[0] === first && prev[1] === last ? prev : [first, last]));
      // Rows already held are shown at once; only the asking waits for the scrolling to pause.
      if (cache.missing(start, end, pending.current).length === 0) return;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        fetchMissing();
      }, debounceMs);
    },
    [cache, fetchMissing, debounceMs, pageSize],
  );

  const reload = useCallback(() => {
    generation.current++;
    pending.current = new Set();
    cache.clear();
    setFailure(null);
    setState((s) => ({ ...s, version: s.version + 1 }));
    fetchMissing();
  }, [cache, fetchMissing]);

  const reloadIndex = useCallback(
    async (index: number) => {
      const page = Math.floor(index / pageSize);
      const result = await fetchRef.current(page * pageSize, pageSize);
      cache.put(page, result.rows, result.total, [range.current[0] - margin, range.current[1] + margin]);
      setState((s) => (s.cache === cache ? { ...s, version: s.version + 1 } : s));
    },
    [cache, pageSize, margin],
  );

  const update = useCallback(
    (match: (row: T) => boolean, change: (row: T) => T) => {
      if (cache.update(match, change) > 0) setState((s) => (s.cache === cache ? { ...s, version: s.version + 1 } : s));
    },
    [cache],
  );

  const version = current.version;
  // The rows handed to the table: the held pages in view and one on each side (a few hundred rows), not the whole cache.
  const { rows, indexOf } = useMemo(() => {
    void version;
    const near = cache.rowsIn(Math.max(0, (span[0] - 1) * pageSize), (span[1] + 2) * pageSize);
    const index = new Map<T, number>(near.map((n) => [n.row, n.index]));
    return { rows: near.map((n) => n.row), indexOf: (row: T) => index.get(row) ?? -1 };
  }, [cache, version, span, pageSize]);

  return {
    rows,
    indexOf,
    total: cache.total,
    loading: inFlight > 0,
    error: failure !== null && failure.cache === cache ? failure.error : null,
    onRangeChange,
    reload,
    reloadIndex,
    update,
    rowAt: (index) => cache.rowAt(index),
    findIndex: (match) => cache.findIndex(match),
  };
}
