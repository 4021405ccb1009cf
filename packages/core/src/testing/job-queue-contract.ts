import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageJob, JobContext, JobQueue, RetryPolicy } from '../queue/job-queue';

/**
 * What every `JobQueue` must do, as one suite: the in-process queue in core's tests and the BullMQ adapter
 * against a real Redis in the server's. Test-only: it imports vitest.
 */
export function describeJobQueueContract(
  name: string,
  open: (policy: RetryPolicy) => Promise<{ queue: JobQueue; close(): Promise<void> }>,
) {
  describe(`${name} job queue contract`, () => {
    let queue: JobQueue;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ queue, close } = await open({ attempts: 3, backoffMs: 20 }));
    });
    afterEach(() => close());

    it('runs each image once: enqueuing it again while it waits or runs adds nothing', async () => {
      const log = handled();
      const gate = opened();
      const worker = queue.work({ models: ['m'], slots: 1, handle: log.handler(() => gate.promise) });
      await queue.enqueue(jobs('a', 3));
      await expect.poll(() => log.keys.length).toBe(1);
      await queue.enqueue(jobs('a', 3));
      gate.open();
      await queue.enqueue([{ batchId: 'last', index: 99, model: 'm' }]);
      await expect.poll(() => log.keys.at(-1), { timeout: 10_000 }).toBe('last_99');
      expect(log.keys).toEqual(['a_0', 'a_1', 'a_2', 'last_99']);
      await worker.drain();
    });

    it("takes only its models' images, at most its slots at once", async () => {
      const log = handled();
      let now = 0;
      let most = 0;
      const gate = opened();
      const worker = queue.work({
        models: ['m'],
        slots: 2,
        handle: log.handler(async () => {
          most = Math.max(most, ++now);
          await gate.promise;
          now -= 1;
        }),
      });
      await queue.enqueue([...jobs('a', 5), ...jobs('b', 2, 'other')]);
      await expect.poll(() => log.keys.length).toBe(2);
      gate.open();
      await expect.poll(() => log.keys.length, { timeout: 10_000 }).toBe(5);
      expect(most).toBe(2);
      expect(log.keys.every((key) => key.startsWith('a_'))).toBe(true);
      expect(await queue.depth(['other', 'm'])).toEqual({ other: 2, m: 0 });
      await worker.drain();
    });

    it('holds no more images than its slots, all its models together: the others wait in the queue for any worker', async () => {
      const log = handled();
      const gate = opened();
      const busy = queue.work({ models: ['m', 'n'], slots: 1, handle: log.handler(() => gate.promise) });
      await queue.enqueue([...jobs('a', 1, 'm'), ...jobs('b', 1, 'n')]);
      await expect.poll(() => log.keys.length).toBe(1);
      const waiting = await queue.depth(['m', 'n']);
      expect(waiting.m! + waiting.n!).toBe(1);
      // A second worker takes the image the busy one could not send yet.
      const idle = queue.work({ models: ['m', 'n'], slots: 1, handle: log.handler() });
      await expect.poll(() => log.keys.length, { timeout: 10_000 }).toBe(2);
      expect(log.keys.toSorted()).toEqual(['a_0', 'b_0']);
      gate.open();
      await Promise.all([busy.drain(), idle.drain()]);
    });

    it('lets batches take turns: the n-th image of each before the next of any', async () => {
      await queue.enqueue(jobs('a', 4));
      await queue.enqueue(jobs('b', 4));
      const log = handled();
      const worker = queue.work({ models: ['m'], slots: 1, handle: log.handler() });
      await expect.poll(() => log.keys.length, { timeout: 10_000 }).toBe(8);
      expect(log.keys).toEqual(['a_0', 'b_0', 'a_1', 'b_1', 'a_2', 'b_2', 'a_3', 'b_3']);
      await worker.drain();
    });

    it('runs a job again after a failure a retry may mend, and says which run is the last', async () => {
      const runs: Array<Pick<JobContext, 'attempt' | 'finalAttempt'>> = [];
      const worker = queue.work({
        models: ['m'],
        slots: 1,
        handle: async (_job, { attempt, finalAttempt }) => {
          runs.push({ attempt, finalAttempt });
          return finalAttempt ? 'done' : 'retry';
        },
      });
      await queue.enqueue(jobs('a', 1));
      await expect.poll(() => runs.length, { timeout: 10_000 }).toBe(3);
      expect(runs).toEqual([
        { attempt: 1, finalAttempt: false },
        { attempt: 2, finalAttempt: false },
        { attempt: 3, finalAttempt: true },
      ]);
      await worker.drain();
    });

    it("cancels a batch: its waiting images are removed and its running one's signal aborts at once", async () => {
      const log = handled();
      const aborted: string[] = [];
      const worker = queue.work({
        models: ['m'],
        slots: 1,
        handle: log.handler(async (job, { signal }) => {
          if (job.batchId !== 'a') return;
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          aborted.push(`${job.batchId}_${job.index}`);
        }),
      });
      await queue.enqueue([...jobs('a', 3), ...jobs('b', 1)]);
      await expect.poll(() => log.keys).toEqual(['a_0']);
      await queue.cancelBatch({ batchId: 'a', model: 'm' });
      await expect.poll(() => aborted, { timeout: 10_000 }).toEqual(['a_0']);
      await expect.poll(() => log.keys, { timeout: 10_000 }).toEqual(['a_0', 'b_0']);
      await worker.drain();
      expect(await queue.depth(['m'])).toEqual({ m: 0 });
    });

    it('drains a worker: the running job ends, no other starts', async () => {
      const log = handled();
      const gate = opened();
      const worker = queue.work({ models: ['m'], slots: 1, handle: log.handler(() => gate.promise) });
      await queue.enqueue(jobs('a', 3));
      await expect.poll(() => log.keys.length).toBe(1);
      const drained = worker.drain();
      gate.open();
      await drained;
      expect(log.keys).toEqual(['a_0']);
      expect(await queue.depth(['m'])).toEqual({ m: 2 });
    });
  });
}

const jobs = (batchId: string, count: number, model = 'm'): ImageJob[] =>
  Array.from({ length: count }, (_, index) => ({ batchId, index, model }));

function opened() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** A handler that logs each job it starts (`batch_index`) and then does `work`. */
function handled() {
  const keys: string[] = [];
  return {
    keys,
    handler:
      (work: (job: ImageJob, context: JobContext) => Promise<unknown> = async () => undefined) =>
      async (job: ImageJob, context: JobContext) => {
        keys.push(`${job.batchId}_${job.index}`);
        await work(job, context);
        return 'done' as const;
      },
  };
}
