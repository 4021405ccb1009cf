export { appRouter, type AppRouter } from './root';
export { createCallerFactory, SSE_PING_MS, SSE_RECONNECT_AFTER_INACTIVITY_MS } from './trpc';
export type { ApiContext } from './context';
export * from './schemas';
