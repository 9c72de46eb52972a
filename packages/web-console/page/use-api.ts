import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

/** State of one GET: loading, its data, or its error. */
export interface Loaded<T> {
  readonly data?: T;
  readonly error?: string;
  readonly loading: boolean;
  reload(): void;
}

/** Loads `GET path` once (and again on `reload`). */
export function useApi<T>(path: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    getJson<T>(path).then(
      (data) => current && setState({ data, loading: false }),
      (error: Error) => current && setState({ error: error.message, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [path, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
