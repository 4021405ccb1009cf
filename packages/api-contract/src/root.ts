import { batchesRouter } from './routers/batches';
import { modelsRouter } from './routers/models';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  models: modelsRouter,
  batches: batchesRouter,
});

export type AppRouter = typeof appRouter;
