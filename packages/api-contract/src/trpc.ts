import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { DomainError, type ErrorCode, type ErrorKind } from '@vision/core/errors';
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
  // The domain's own code travels with the error, so clients decide on (and translate) it, not on the message.
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: { ...shape.data, errorCode: (error.cause instanceof DomainError ? error.cause.code : null) as ErrorCode | null },
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Errors: core's refusals become tRPC codes here, in one place.
// ---------------------------------------------------------------------------------------------------------
export const TRPC_CODES: Readonly<Record<ErrorKind, TRPC_ERROR_CODE_KEY>> = {
  'invalid-input': 'BAD_REQUEST',
  'not-found': 'NOT_FOUND',
  'too-large': 'PAYLOAD_TOO_LARGE',
  // tRPC has no 507; the error's `errorCode` says what it is.
  'storage-full': 'INTERNAL_SERVER_ERROR',
  conflict: 'CONFLICT',
  'inference-unavailable': 'SERVICE_UNAVAILABLE',
  unavailable: 'SERVICE_UNAVAILABLE',
  unauthorized: 'UNAUTHORIZED',
  internal: 'INTERNAL_SERVER_ERROR',
};

export const toTRPCError = (error: DomainError): TRPCError =>
  new TRPCError({ code: TRPC_CODES[error.kind], message: error.message, cause: error });

/** For code the middleware does not wrap (a subscription's body): a DomainError leaves as its tRPC error, anything else as it is. */
export function rethrowAsTRPCError(error: unknown): never {
  throw error instanceof DomainError ? toTRPCError(error) : error;
}

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
  return result;
});

// ---------------------------------------------------------------------------------------------------------
// Procedure helpers
// ---------------------------------------------------------------------------------------------------------
export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure.use(mapDomainErrors);
export const createCallerFactory = t.createCallerFactory;
