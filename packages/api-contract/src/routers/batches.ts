import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError, tracked } from '@trpc/server';
import { ZBatchProgressInput, ZBatchView, ZGetBatchInput, type TBatchProgressEvent } from '../schemas';
import { publicProcedure } from '../trpc';

const notFound = (batchId: string) => new TRPCError({ code: 'NOT_FOUND', message: `No batch with id "${batchId}".` });

export const batchesRouter = {
  get: publicProcedure
    .input(ZGetBatchInput)
    .output(ZBatchView)
    .query(({ ctx, input }) => {
      const batch = ctx.batches.get(input.batchId);
      if (!batch) throw notFound(input.batchId);
      return batch;
    }),

  /**
   * Every event of the batch as `tracked(id, event)`: a late or reconnecting subscriber first gets what it
   * missed (after `lastEventId`), then live events; the stream ends after the batch's final event.
   */
  onProgress: publicProcedure.input(ZBatchProgressInput).subscription(async function* ({ ctx, input, signal }) {
    const lastEventId = Number(input.lastEventId ?? 0);
    const events = ctx.batches.follow(input.batchId, Number.isFinite(lastEventId) ? lastEventId : 0, signal);
    if (!events) throw notFound(input.batchId);
    for await (const entry of events) {
      yield tracked(String(entry.id), entry.event as TBatchProgressEvent);
    }
  }),
} satisfies TRPCRouterRecord;
