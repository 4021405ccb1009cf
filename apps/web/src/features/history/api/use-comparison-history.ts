import { useInfiniteQuery } from '@tanstack/react-query';
import { HISTORY_PAGE_SIZE } from '../../../config/limits';
import { useTRPC } from '../../../lib/trpc';

/** Past comparisons, newest first, a page at a time. */
export function useComparisonHistory() {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.comparisons.list.infiniteQueryOptions(
      { limit: HISTORY_PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, refetchOnMount: 'always' },
    ),
  );
}
