import type { TRPCRouterRecord } from '@trpc/server';
import { tracked } from '@trpc/server';
import {
  ZBatchPage,
  ZBatchProgressEvent,
  ZBatchProgressInput,
  ZBatchView,
  ZGetBatchInput,
  ZListBatchesInput,
  ZRetryBatchInput,
  ZRetryBatchOutput,
} from '../schemas';
import { publicProcedure, rethrowAsTRPCError } from '../trpc';

export const batchesRouter = {
  get: publicProcedure
    .input(ZGetBatchInput)
    .output(ZBatchView)
    .query(({ ctx, input }) => ctx.batches.get(input.batchId)),

  /** History, newest first, a page at a time. */
  list: publicProcedure
    .input(ZListBatchesInput)
    .output(ZBatchPage)
    .query(({ ctx, input }) => ctx.batches.list({ limit: input.limit, cursor: input.cursor })),

  cancel: publicProcedure
    .input(ZGetBatchInput)
    .output(ZBatchView)
    .mutation(({ ctx, input }) => ctx.batches.cancel(input.batchId)),

  retry: publicProcedure
    .input(ZRetryBatchInput)
    .output(ZRetryBatchOutput)
    .mutation(({ ctx, input }) => ctx.batches.retry(input.batchId, input.indexes)),

  delete: publicProcedure.input(ZGetBatchInput).mutation(async ({ ctx, input }) => {
    await ctx.batches.delete(input.batchId);
    return { batchId: input.batchId, deleted: true as const };
  }),

  /**
   * Every event of the batch as `tracked(id, event)`: a late or reconnecting subscriber first gets what it
   * missed (after `lastEventId`), then live events; the stream ends after the batch's final event.
   */
  onProgress: publicProcedure.input(ZBatchProgressInput).subscription(async function* ({ ctx, input, signal }) {
    const lastEventId = Number(input.lastEventId ?? 0);
    // A subscription's body runs after the middleware has returned, so its refusal (an unknown batch) is mapped here.
    const events = await ctx.batches
      .follow(input.batchId, Number.isFinite(lastEventId) ? lastEventId : 0, signal)
      .catch(rethrowAsTRPCError);
    for await (const entry of events) {
      // Checked against the contract as it leaves: a stored event of an older shape gets its defaults, a malformed one fails loudly.
      yield tracked(String(entry.id), ZBatchProgressEvent.parse(entry.event));
    }
  }),
} satisfies TRPCRouterRecord;
