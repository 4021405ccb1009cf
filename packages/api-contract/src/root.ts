import { batchesRouter } from './routers/batches';
import { comparisonsRouter } from './routers/comparisons';
import { modelsRouter } from './routers/models';
import { reviewsRouter } from './routers/reviews';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  models: modelsRouter,
  batches: batchesRouter,
  comparisons: comparisonsRouter,
  reviews: reviewsRouter,
});

export type AppRouter = typeof appRouter;
