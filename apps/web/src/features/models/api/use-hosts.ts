import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc';

/** Each inference server and whether it answers, asked again every 15 s while the panel is open. */
export function useHosts() {
  const trpc = useTRPC();
  return useQuery(trpc.models.hosts.queryOptions(undefined, { retry: false, refetchInterval: 15_000 }));
}
