import type { TRPCRouterRecord } from '@trpc/server';
import { DomainError } from '@vision/core/errors';
import { ZModelList } from '../schemas';
import { publicProcedure } from '../trpc';

export const modelsRouter = {
  /** Vision models first, then models of unknown ability, then the rest. */
  list: publicProcedure.output(ZModelList).query(async ({ ctx, signal }) => {
    try {
      const models = await ctx.lmstudio.listModels(signal);
      const rank = (vision: boolean | null) => (vision === true ? 0 : vision === null ? 1 : 2);
      return models.slice().sort((a, b) => rank(a.vision) - rank(b.vision));
    } catch (error) {
      throw new DomainError(
        error instanceof DomainError ? error.code : 'inference-unreachable',
        `Cannot list models from LM Studio at ${ctx.lmstudio.baseUrl}: ${(error as Error).message}. Start LM Studio's server (Developer tab) or set LMSTUDIO_BASE_URL.`,
        { cause: error },
      );
    }
  }),
} satisfies TRPCRouterRecord;
