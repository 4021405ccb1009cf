import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTRPC } from '../../../lib/trpc';
import { batchReducer, isActive } from '../lib/batch-state';

export type Connection = 'idle' | 'connecting' | 'live' | 'reconnecting';

/**
 * A batch's live state: seeded from `batches.get`, then kept by a reducer fed from `batches.onProgress`
 * (useSubscription forgets its data when the stream ends; the reducer keeps everything).
 */
export function useBatchProgress(batchId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const snapshot = useQuery(
    trpc.batches.get.queryOptions(
      { batchId },
      { refetchOnMount: 'always', retry: (failures, error) => error.data?.code !== 'NOT_FOUND' && failures < 2 },
    ),
  );
  const [state, dispatch] = useReducer(batchReducer, null);
  const [following, setFollowing] = useState(false);
  // After a retry the stream is opened again from the last event seen, so nothing is replayed twice.
  const [resumeFrom, setResumeFrom] = useState<string | undefined>(undefined);
  const seeded = useRef(false);

  // Seeded once, from an answer fetched for this view (a cached one may be old); the events do the rest.
  useEffect(() => {
    if (!snapshot.data || !snapshot.isFetchedAfterMount || seeded.current) return;
    seeded.current = true;
    dispatch({ type: 'snapshot', view: snapshot.data });
    if (isActive(snapshot.data.status)) setFollowing(true);
  }, [snapshot.data, snapshot.isFetchedAfterMount]);

  const subscription = useSubscription(
    trpc.batches.onProgress.subscriptionOptions(
      { batchId, lastEventId: resumeFrom },
      {
        enabled: following,
        onData: ({ id, data }) => {
          dispatch({ type: 'event', id, event: data, receivedAt: Date.now() });
          if (data.type === 'batch-finished') void queryClient.invalidateQueries({ queryKey: trpc.batches.list.pathKey() });
        },
      },
    ),
  );

  const lastEventId = state?.lastEventId ?? undefined;
  /** Opens the stream again after the batch was restarted (retry). */
  const follow = useCallback(() => {
    setResumeFrom(lastEventId);
    setFollowing(true);
  }, [lastEventId]);

  const connection: Connection = !following
    ? 'idle'
    : subscription.status === 'pending'
      ? 'live'
      : subscription.status === 'connecting' && subscription.error
        ? 'reconnecting'
        : subscription.status === 'connecting'
          ? 'connecting'
          : 'idle';

  return { state, snapshot, connection, follow };
}
