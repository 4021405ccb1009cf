import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback } from 'react';
import type { GroundTruthChoice } from '@vision/api-contract';
import { useThrottledCallback } from '../../../hooks/use-throttled-callback';
import { useTRPC } from '../../../lib/trpc';
import { isRunning, liveBatchId } from '../lib/comparison-progress';

/** Items finishing together ask for one refetch. */
const REFRESH_MS = 400;
/** A safety net while models run: between two models' runs, or when the stream breaks, the view still moves. */
const FALLBACK_REFRESH_MS = 5_000;

/**
 * A comparison's view from `comparisons.get`, kept current while it runs: the running model's batch is followed
 * through `batches.onProgress`, and the view is fetched again (throttled) as its items finish.
 */
export function useComparison(comparisonId: string, groundTruth: GroundTruthChoice = 'labels') {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The labels' view keeps the key `{ comparisonId }`, which the label editor writes its answers under.
  const input = groundTruth === 'confirmed' ? { comparisonId, groundTruth } : { comparisonId };
  const query = useQuery(
    trpc.comparisons.get.queryOptions(input, {
      refetchOnMount: 'always',
      retry: (failures, error) => error.data?.code !== 'NOT_FOUND' && failures < 2,
      refetchInterval: (current) => (current.state.data && isRunning(current.state.data.status) ? FALLBACK_REFRESH_MS : false),
    }),
  );
  const liveBatch = query.data ? liveBatchId(query.data) : null;

  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.comparisons.get.queryKey({ comparisonId }) }),
    [queryClient, trpc, comparisonId],
  );
  const refreshSoon = useThrottledCallback(refresh, REFRESH_MS);

  useSubscription(
    trpc.batches.onProgress.subscriptionOptions(
      { batchId: liveBatch ?? '' },
      {
        enabled: liveBatch !== null,
        onData: ({ data }) => {
          if (data.type === 'item-finished') refreshSoon();
          if (data.type === 'batch-finished') {
            refresh();
            void queryClient.invalidateQueries({ queryKey: trpc.batches.list.pathKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.comparisons.list.pathKey() });
          }
        },
      },
    ),
  );

  return query;
}
