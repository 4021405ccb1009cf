// Test support only (imports vitest): never imported by the app's own code.
export { describeRepositoryContract } from './repository-contract';
export { describeJobQueueContract } from './job-queue-contract';
export { describeReviewRepositoryContract } from './review-repository-contract';
export { createMemoryReviewRepository } from './memory-review-repository';
