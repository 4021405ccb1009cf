import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { HISTORY_PAGE_SIZE } from '../../../config/limits';
import { useTRPC } from '../../../lib/trpc';

/** Past batches, newest first, a page at a time. */
export function useBatchHistory() {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.batches.list.infiniteQueryOptions(
      { limit: HISTORY_PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, refetchOnMount: 'always' },
    ),
  );
}

export function useDeleteBatch(onDeleted: (batchId: string) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.batches.delete.mutationOptions({
      onSuccess: ({ batchId }) => {
        onDeleted(batchId);
        void queryClient.invalidateQueries({ queryKey: trpc.batches.list.pathKey() });
        queryClient.removeQueries({ queryKey: trpc.batches.get.queryKey({ batchId }) });
      },
    }),
  );
}
