export { DEFAULT_RETRY_POLICY, fairRank, jobKey } from './job-queue';
export type { ImageJob, JobContext, JobHandler, JobQueue, QueueWorker, RetryPolicy, WorkOptions } from './job-queue';
export { createMemoryJobQueue } from './memory-job-queue';
