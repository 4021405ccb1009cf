// The batch's domain objects are defined once, as zod schemas (../schemas); these are their inferred types.
export type { BatchProgressEvent, BatchStats, BatchStatus, ItemResult, ItemStatus } from '../schemas';
