import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@vision/api-contract';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** What the procedures answer, as JSON brings it to the browser. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const makeQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

export const makeTrpcClient = () =>
  createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/trpc' }),
        // `skipBatch`: a query that may be slow (asking every inference server) must not hold up the others.
        false: splitLink({
          condition: (op) => op.context.skipBatch === true,
          true: httpLink({ url: '/trpc' }),
          false: httpBatchLink({ url: '/trpc' }),
        }),
      }),
    ],
  });
