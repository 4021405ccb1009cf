import type { TRPCRouterRecord } from '@trpc/server';
import { ZDecideInput, ZReviewQueue, ZReviewQueueInput, ZReviewSubjectInput } from '../schemas';
import { publicProcedure } from '../trpc';

export const reviewsRouter = {
  /** A batch's or a comparison's images in review order (disagreements first), with suggestions and decisions. */
  queue: publicProcedure
    .input(ZReviewQueueInput)
    .output(ZReviewQueue)
    .query(({ ctx, input }) => ctx.reviews.queue(input.subject, input.filter, input.field)),

  /** Accept the suggestion, fix it with a label, or reject it; answers the whole queue as it now stands. */
  decide: publicProcedure
    .input(ZDecideInput)
    .output(ZReviewQueue)
    .mutation(({ ctx, input }) => ctx.reviews.decide(input)),

  /** Takes back the last decision (or the last bulk accept). */
  undo: publicProcedure
    .input(ZReviewSubjectInput)
    .output(ZReviewQueue)
    .mutation(({ ctx, input }) => ctx.reviews.undo(input.subject, input.field)),

  /** Accepts every image all the models agree on that nobody has decided yet, as one undoable step. */
  acceptAgreed: publicProcedure
    .input(ZReviewSubjectInput)
    .output(ZReviewQueue)
    .mutation(({ ctx, input }) => ctx.reviews.acceptAgreed(input.subject, input.field)),
} satisfies TRPCRouterRecord;
