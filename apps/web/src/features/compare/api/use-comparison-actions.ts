import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ComparisonView } from '../lib/comparison-types';
import { useTRPC } from '../../../lib/trpc';

/** Labels typed in the view, saved for every model's run; the answer is the view judged again. */
export function useSetLabel(comparisonId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.comparisons.get.queryKey({ comparisonId });
  return useMutation(
    trpc.comparisons.setLabels.mutationOptions({
      onSuccess: async (view) => {
        // A refetch already on its way carries the old labels: it must not land after this answer.
        await queryClient.cancelQueries({ queryKey });
        queryClient.setQueryData(queryKey, view);
        void queryClient.invalidateQueries({ queryKey: trpc.comparisons.list.pathKey() });
      },
    }),
  );
}

/** Cancels every model's run, the waiting ones first so that none starts as the running one ends. */
export function useCancelComparison(view: ComparisonView | undefined) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancelBatch = useMutation(trpc.batches.cancel.mutationOptions());
  return useMutation({
    mutationFn: async () => {
      for (const model of [...(view?.models ?? [])].reverse()) {
        if (model.status === 'queued' || model.status === 'running') await cancelBatch.mutateAsync({ batchId: model.batchId });
      }
    },
    onSettled: () => {
      if (!view) return;
      void queryClient.invalidateQueries({ queryKey: trpc.comparisons.get.queryKey({ comparisonId: view.comparisonId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.batches.list.pathKey() });
    },
  });
}
