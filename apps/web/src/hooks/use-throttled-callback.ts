import { useCallback, useEffect, useRef } from 'react';

/**
 * A callback that runs at most once per `waitMs`: the first call schedules it, the calls until then join in.
 * For refetching after a burst of events (seven images finishing at once ask for one refetch, not seven).
 */
export function useThrottledCallback(callback: () => void, waitMs: number): () => void {
  const latest = useRef(callback);
  latest.current = callback;
  const timer = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  return useCallback(() => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      latest.current();
    }, waitMs);
  }, [waitMs]);
}
