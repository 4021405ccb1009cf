import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc';

/**
 * Each inference server and whether it answers; with `poll`, asked again every 15 s while the panel is open (the
 * footer, which needs only the addresses and kinds, does not poll).
 */
export function useHosts({ poll = true }: { poll?: boolean } = {}) {
  const trpc = useTRPC();
  // On its own request: it asks every server now, which must not delay the model list batched beside it.
  return useQuery(
    trpc.models.hosts.queryOptions(undefined, {
      retry: false,
      refetchInterval: poll ? 15_000 : false,
      trpc: { context: { skipBatch: true } },
    }),
  );
}
