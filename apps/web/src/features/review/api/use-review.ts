import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewFilter } from '@vision/api-contract';
import { useTRPC, type RouterOutputs } from '../../../lib/trpc';

export type ReviewQueue = RouterOutputs['reviews']['queue'];
export type ReviewItem = ReviewQueue['items'][number];
export type ReviewSubject = ReviewQueue['subject'];

/**
 * The queue of a batch or a comparison for one field (null: the server's default, the entity or the first label
 * field), filtered; every decision refetches it (and the views it changes).
 */
export function useReview(subject: ReviewSubject, filter: ReviewFilter, field: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useQuery(trpc.reviews.queue.queryOptions({ subject, filter, field }, { refetchOnMount: 'always' }));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.reviews.queue.pathKey() });
    // Ground truth from confirmed labels changes with every decision.
    void queryClient.invalidateQueries({ queryKey: trpc.comparisons.get.pathKey() });
  };
  const decide = useMutation(trpc.reviews.decide.mutationOptions({ onSuccess: refresh }));
  const undo = useMutation(trpc.reviews.undo.mutationOptions({ onSuccess: refresh }));
  const acceptAgreed = useMutation(trpc.reviews.acceptAgreed.mutationOptions({ onSuccess: refresh }));
  return { queue, decide, undo, acceptAgreed };
}
