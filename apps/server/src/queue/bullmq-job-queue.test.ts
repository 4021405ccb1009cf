import { describeJobQueueContract } from '@vision/core/testing';
import type { ImageJob, JobQueue } from '@vision/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clusterServicesMissing, startRedis, type RedisServer } from '../testing/cluster-services';
import { createBullmqJobQueue } from './bullmq-job-queue';

const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the BullMQ queue's tests: ${missing}`);

describe.skipIf(missing)('BullMQ', () => {
  let redis: RedisServer;
  let tests = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  // Each test its own key prefix: nothing of one test's queues is seen by the next.
  describeJobQueueContract('BullMQ', async (policy) => {
    const queue = createBullmqJobQueue({ redisUrl: redis.url, policy, prefix: `contract${++tests}` });
    return { queue, close: () => queue.close() };
  });

  describe('across processes', () => {
    const opened: JobQueue[] = [];
    const open = (prefix: string, stalled?: { lockDurationMs: number; checkEveryMs: number }) => {
      const queue = createBullmqJobQueue({ redisUrl: redis.url, prefix, policy: { attempts: 2, backoffMs: 20 }, stalled });
      opened.push(queue);
      return queue;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close()));
    });

    it('gives a job held by a worker that died to another worker', async () => {
      const stalled = { lockDurationMs: 600, checkEveryMs: 300 };
      const dying = open('stalled', stalled);
      const taken: string[] = [];
      dying.work({
        models: ['m'],
        slots: 1,
        handle: async (job, { signal }) => {
          taken.push(`dying:${job.index}`);
          // Never answers on its own: only the forced close below ends it.
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          return 'done';
        },
      });
      await dying.enqueue([{ batchId: 'b', index: 0, model: 'm' }]);
      await expect.poll(() => taken).toEqual(['dying:0']);
      // Its lock is never renewed again, as when the process is killed.
      await dying.close();
      const healthy = open('stalled', stalled);
      healthy.work({ models: ['m'], slots: 1, handle: async (job) => (taken.push(`healthy:${job.index}`), 'done') });
      await expect.poll(() => taken, { timeout: 15_000 }).toEqual(['dying:0', 'healthy:0']);
    });

    it('keeps a job running longer than its hold with its worker: the hold is renewed, no other worker takes it', async () => {
      const stalled = { lockDurationMs: 600, checkEveryMs: 300 };
      const [slow, idle] = [open('renewed', stalled), open('renewed', stalled)];
      const taken: string[] = [];
      let answered = false;
      slow.work({
        models: ['m'],
        slots: 1,
        handle: async (job) => {
          taken.push(`slow:${job.index}`);
          // An image that takes four holds' time, while the other worker looks for stalled jobs every half hold.
          await new Promise((resolve) => setTimeout(resolve, 4 * stalled.lockDurationMs));
          answered = true;
          return 'done';
        },
      });
      await slow.enqueue([{ batchId: 'b', index: 0, model: 'm' }]);
      await expect.poll(() => taken).toEqual(['slow:0']);
      idle.work({ models: ['m'], slots: 1, handle: async (job) => (taken.push(`idle:${job.index}`), 'done') });
      await expect.poll(() => answered, { timeout: 10_000 }).toBe(true);
      expect(taken).toEqual(['slow:0']);
    });

    it('adds an image once when two API servers enqueue the same batch', async () => {
      const first = open('twice');
      const second = open('twice');
      const jobs: ImageJob[] = [0, 1, 2].map((index) => ({ batchId: 'b', index, model: 'm' }));
      await Promise.all([first.enqueue(jobs), second.enqueue(jobs)]);
      expect(await first.depth(['m'])).toEqual({ m: 3 });
    });

    it('cancels a batch from another process: the worker running its image aborts it', async () => {
      const api = open('cancel');
      const worker = open('cancel');
      const aborted: number[] = [];
      worker.work({
        models: ['m'],
        slots: 1,
        handle: async (job, { signal }) => {
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          aborted.push(job.index);
          return 'done';
        },
      });
      await api.enqueue([0, 1].map((index) => ({ batchId: 'b', index, model: 'm' })));
      await expect.poll(async () => (await api.depth(['m'])).m).toBe(1);
      await api.cancelBatch({ batchId: 'b', model: 'm' });
      await expect.poll(() => aborted).toEqual([0]);
      expect(await api.depth(['m'])).toEqual({ m: 0 });
    });

    it('runs a cancelled batch again when it is enqueued again (a retry)', async () => {
      const queue = open('again');
      const taken: number[] = [];
      queue.work({ models: ['m'], slots: 1, handle: async (job) => (taken.push(job.index), 'done') });
      await queue.cancelBatch({ batchId: 'b', model: 'm' });
      await queue.enqueue([{ batchId: 'b', index: 0, model: 'm' }]);
      await expect.poll(() => taken).toEqual([0]);
    });
  });
});
