import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc';

/** The inference servers' models through the server; a SERVICE_UNAVAILABLE error when none answers. */
export function useModels() {
  const trpc = useTRPC();
  return useQuery(trpc.models.list.queryOptions(undefined, { retry: false, staleTime: 30_000 }));
}
