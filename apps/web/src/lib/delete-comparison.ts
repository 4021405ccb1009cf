import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from './trpc';

/**
 * Deletes a comparison with every model's batch (from its history item or its own view): the histories of
 * comparisons and of batches are read again, and what was cached of it is dropped once `onDeleted` has moved on.
 */
export function useDeleteComparison(onDeleted: (comparisonId: string) => void = () => {}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.comparisons.delete.mutationOptions({
      onSuccess: ({ comparisonId }) => {
        onDeleted(comparisonId);
        void queryClient.invalidateQueries({ queryKey: trpc.comparisons.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.batches.list.pathKey() });
        queryClient.removeQueries({ queryKey: trpc.comparisons.get.queryKey({ comparisonId }) });
      },
    }),
  );
}
