import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

/** State of one GET: its data or its error (neither while it loads). */
export interface Loaded<T> {
  readonly data?: T;
  readonly error?: string;
}

/** Loads `GET path` once. */
export function useApi<T>(path: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({});
  useEffect(() => {
    let current = true;
    getJson<T>(path).then(
      (data) => current && setState({ data }),
      (error: Error) => current && setState({ error: error.message }),
    );
    return () => {
      current = false;
    };
  }, [path]);
  return state;
}
