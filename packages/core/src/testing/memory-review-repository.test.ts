import { createMemoryReviewRepository } from './memory-review-repository';
import { describeReviewRepositoryContract } from './review-repository-contract';

describeReviewRepositoryContract('in-memory', async () => {
  const repository = createMemoryReviewRepository();
  return { repository, reopen: async () => repository, close: async () => {} };
});
