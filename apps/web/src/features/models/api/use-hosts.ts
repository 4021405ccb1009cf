import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc';

/** Each inference server and whether it answers, asked again every 15 s while the panel is open. */
export function useHosts() {
  const trpc = useTRPC();
  // On its own request: it asks every server now, which must not delay the model list batched beside it.
  return useQuery(
    trpc.models.hosts.queryOptions(undefined, { retry: false, refetchInterval: 15_000, trpc: { context: { skipBatch: true } } }),
  );
}
