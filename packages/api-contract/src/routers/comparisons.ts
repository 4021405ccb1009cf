import type { TRPCRouterRecord } from '@trpc/server';
import {
  ZComparisonPage,
  ZComparisonView,
  ZComparisonViewInput,
  ZGetComparisonInput,
  ZListComparisonsInput,
  ZSetLabelsInput,
} from '../schemas';
import { publicProcedure } from '../trpc';

export const comparisonsRouter = {
  /**
   * Per image each model's answer side by side, right or wrong against the labels (or what a person confirmed);
   * per model accuracy and speed.
   */
  get: publicProcedure
    .input(ZComparisonViewInput)
    .output(ZComparisonView)
    .query(({ ctx, input }) => ctx.comparisons.get(input.comparisonId, { groundTruth: input.groundTruth })),

  list: publicProcedure
    .input(ZListComparisonsInput)
    .output(ZComparisonPage)
    .query(({ ctx, input }) => ctx.comparisons.list({ limit: input.limit, cursor: input.cursor })),

  /** Stops every model's run: the running one at once, the waiting ones before they start. */
  cancel: publicProcedure
    .input(ZGetComparisonInput)
    .output(ZComparisonView)
    .mutation(({ ctx, input }) => ctx.comparisons.cancel(input.comparisonId)),

  /**
   * For good: stops what still runs, then deletes every model's batch (rows, events, photos and review decisions,
   * as `batches.delete` does), the comparison and the decisions made on it.
   */
  delete: publicProcedure.input(ZGetComparisonInput).mutation(async ({ ctx, input }) => {
    await ctx.comparisons.delete(input.comparisonId);
    return { comparisonId: input.comparisonId, deleted: true as const };
  }),

  /** Ground truth typed in the UI, per image; applies to every model's run. */
  setLabels: publicProcedure
    .input(ZSetLabelsInput)
    .output(ZComparisonView)
    .mutation(({ ctx, input }) => ctx.comparisons.setLabels(input.comparisonId, input.labels)),
} satisfies TRPCRouterRecord;
