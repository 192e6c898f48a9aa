import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  /** The last failure; the screen shows it (translated) with a retry. */
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data with what a write answered, without asking again. */
  setData: (data: T) => void;
}

/**
 * Loads something for a screen and loads it again when `key` changes; an answer that arrives after
 * the key moved on is dropped. `load` may change on every render; the latest one is used.
 */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: unknown; loading: boolean }>({
    key,
    data: undefined,
    error: null,
    loading: key !== null,
  });
  const [tick, setTick] = useState(0);

  if (state.key !== key) setState({ key, data: undefined, error: null, loading: key !== null });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    loadRef
      .current()
      .then((data) => {
        if (current) setState({ key, data, error: null, loading: false });
      })
      .catch((error: unknown) => {
        if (current) setState((s) => ({ ...s, error, loading: false }));
      });
    return () => {
      current = false;
    };
  }, [key, tick]);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    setTick((n) => n + 1);
  }, []);
  const setData = useCallback((data: T) => setState((s) => ({ ...s, data, error: null, loading: false })), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}
