import { initTRPC, TRPCError } from '@trpc/server';
import { BatchError } from '@vision/core';
import type { ApiContext } from './context';

// ---------------------------------------------------------------------------------------------------------
// tRPC instance. SSE pings keep proxies and the client's inactivity timer from dropping a quiet stream
// (a model can think for many seconds between events); the ping must be more frequent than the reconnect.
// ---------------------------------------------------------------------------------------------------------
export const SSE_PING_MS = 5_000;
export const SSE_RECONNECT_AFTER_INACTIVITY_MS = 15_000;

const t = initTRPC.context<ApiContext>().create({
  // Never send stack traces to clients, whatever NODE_ENV says.
  isDev: false,
  sse: {
    ping: { enabled: true, intervalMs: SSE_PING_MS },
    client: { reconnectAfterInactivityMs: SSE_RECONNECT_AFTER_INACTIVITY_MS },
  },
});

// ---------------------------------------------------------------------------------------------------------
// Errors: core's refusals become tRPC codes here, in one place.
// ---------------------------------------------------------------------------------------------------------
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof BatchError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

// ---------------------------------------------------------------------------------------------------------
// Procedure helpers
// ---------------------------------------------------------------------------------------------------------
export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure.use(mapDomainErrors);
export const createCallerFactory = t.createCallerFactory;
