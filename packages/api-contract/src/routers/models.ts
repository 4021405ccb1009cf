import type { TRPCRouterRecord } from '@trpc/server';
import { DomainError } from '@vision/core/errors';
import { ZHostStatusList, ZModelList } from '../schemas';
import { publicProcedure } from '../trpc';

export const modelsRouter = {
  /** Vision models first, then models of unknown ability, then the rest. */
  list: publicProcedure.output(ZModelList).query(async ({ ctx, signal }) => {
    try {
      const models = await ctx.inference.listModels(signal);
      const rank = (vision: boolean | null) => (vision === true ? 0 : vision === null ? 1 : 2);
      return models.slice().sort((a, b) => rank(a.vision) - rank(b.vision));
    } catch (error) {
      throw new DomainError(
        error instanceof DomainError ? error.code : 'inference-unreachable',
        `Cannot list models from ${ctx.inference.baseUrl}: ${(error as Error).message}. Start the server (LM Studio: Developer tab), or set LMSTUDIO_BASE_URL or INFERENCE_HOSTS.`,
        { cause: error },
      );
    }
  }),
  /** Every inference server (INFERENCE_HOSTS or LMSTUDIO_BASE_URL): its kind, slots and whether it answers now. */
  hosts: publicProcedure.output(ZHostStatusList).query(async ({ ctx }) => ctx.inference.hostStatus()),
} satisfies TRPCRouterRecord;
