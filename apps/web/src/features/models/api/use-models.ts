import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc';

/** LM Studio's models through the server; a SERVICE_UNAVAILABLE error when LM Studio does not answer. */
export function useModels() {
  const trpc = useTRPC();
  return useQuery(trpc.models.list.queryOptions(undefined, { retry: false, staleTime: 30_000 }));
}
