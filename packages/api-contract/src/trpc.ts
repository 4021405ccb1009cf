import { initTRPC } from '@trpc/server';
import type { ApiContext } from './context';

// ---------------------------------------------------------------------------------------------------------
// tRPC instance. SSE pings keep proxies and the client's inactivity timer from dropping a quiet stream
// (a model can think for many seconds between events); the ping must be more frequent than the reconnect.
// ---------------------------------------------------------------------------------------------------------
export const SSE_PING_MS = 5_000;
export const SSE_RECONNECT_AFTER_INACTIVITY_MS = 15_000;

const t = initTRPC.context<ApiContext>().create({
  sse: {
    ping: { enabled: true, intervalMs: SSE_PING_MS },
    client: { reconnectAfterInactivityMs: SSE_RECONNECT_AFTER_INACTIVITY_MS },
  },
});

// ---------------------------------------------------------------------------------------------------------
// Procedure helpers
// ---------------------------------------------------------------------------------------------------------
export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
