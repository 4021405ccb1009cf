import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc';

/** Cancel and retry; a retry restarts the batch, so the caller opens its progress stream again. */
export function useBatchActions(batchId: string, onRestarted: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshHistory = () => queryClient.invalidateQueries({ queryKey: trpc.batches.list.pathKey() });

  const cancel = useMutation(trpc.batches.cancel.mutationOptions({ onSettled: refreshHistory }));
  const retry = useMutation(
    trpc.batches.retry.mutationOptions({
      onSuccess: () => {
        onRestarted();
        void refreshHistory();
      },
    }),
  );

  return {
    cancel: () => cancel.mutate({ batchId }),
    cancelling: cancel.isPending,
    retryFailed: () => retry.mutate({ batchId }),
    retrying: retry.isPending,
    /** Said in the user's language where it is shown (`FailureText`). */
    error: cancel.error ?? retry.error ?? null,
  };
}
