import { describeJobQueueContract } from '../testing/job-queue-contract';
import { createMemoryJobQueue } from './memory-job-queue';

describeJobQueueContract('in-process', async (policy) => {
  const queue = createMemoryJobQueue(policy);
  return { queue, close: () => queue.close() };
});
