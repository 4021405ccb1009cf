import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { forgetCurrentBatch, readCurrentBatch } from '../../../lib/current-batch';
import { useTRPC } from '../../../lib/trpc';
import { isActive } from '../lib/batch-state';

/** The batch this browser last started, when it is still running (for the "open it" banner). */
export function useRunningCurrentBatch(): string | null {
  const trpc = useTRPC();
  const [batchId] = useState(readCurrentBatch);
  const query = useQuery(
    trpc.batches.get.queryOptions({ batchId: batchId ?? '' }, { enabled: batchId !== null, retry: false, staleTime: 5_000 }),
  );
  const gone = query.error?.data?.code === 'NOT_FOUND';
  useEffect(() => {
    if (gone && batchId) forgetCurrentBatch(batchId);
  }, [gone, batchId]);
  return batchId && query.data && isActive(query.data.status) ? batchId : null;
}
