// Loads one resolver's data and reloads on demand; keeps the last good data while reloading so
// an auto-refresh never blanks the screen.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PayloadOf, ResolverKey } from '../../src/shared/resolver-contract';
import { callResolver } from './bridge';
import type { ResolverError } from './logic/resolver-client';

export type Loaded<T> = { data: T | null; error: ResolverError | null; loading: boolean; reload: () => Promise<void> };

export function useResolver<T>(key: ResolverKey | null, payload: PayloadOf<ResolverKey>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const payloadJson = JSON.stringify(payload);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (key === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    const result = await callResolver<T>(key, JSON.parse(payloadJson) as PayloadOf<ResolverKey>);
    if (ticket !== latest.current) return; // a newer request owns the state now
    if (result.ok) {
      setData(result.data);
      setError(null);
    } else {
      setError(result.error);
    }
    setLoading(false);
  }, [key, payloadJson]);

  useEffect(() => {
    setData(null);
    void reload();
  }, [reload]);

  return { data, error, loading, reload };
}

/** Runs actions one at a time, remembering the last failure to show next to the buttons. */
export function useAction(onDone: () => Promise<void> | void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const run = useCallback(
    async <T,>(label: string, key: ResolverKey, payload: PayloadOf<ResolverKey>): Promise<T | null> => {
      setBusy(label);
      setError(null);
      const result = await callResolver<T>(key, payload);
      setBusy(null);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      await onDone();
      return result.data;
    },
    [onDone],
  );
  return { busy, error, run, clearError: () => setError(null) };
}
