import type { RunRecord } from '../accuracy/run-record.ts';
import type { FieldSpec } from '../fields/field-types.ts';
import type { LoggedEvent } from './event-log';
import type { BatchProgressEvent, BatchStats, BatchStatus, ItemResult, ItemStatus } from './types';

export interface StoredBatch {
  batchId: string;
  model: string;
  prompt: string | null;
  status: BatchStatus;
  createdAt: string;
  finishedAt: string | null;
  /** Wall time of the runs so far, in seconds: a resumed batch's clock does not count the downtime. */
  elapsedS: number;
  stats: BatchStats | null;
  /** The comparison this batch is one model's run of. */
  comparisonId: string | null;
  /** A batch that must end before this one starts (the previous model of a comparison): one GPU, one model at a time. */
  runAfter: string | null;
  /** How the run was made (model details, prompt and its hash), written when it starts. */
  runRecord: RunRecord | null;
  /**
   * The requests in flight the upload asked for (its `concurrency` field); null for the server's setting or the
   * model's slots. Kept so that a comparison's later model and a batch resumed after a restart run as asked.
   */
  concurrency: number | null;
  /** The questions asked of every image; absent: today's main entity question. */
  fields?: FieldSpec[] | undefined;
}

export interface StoredItem {
  index: number;
  filename: string;
  size: number;
  status: ItemStatus;
  result: ItemResult | null;
  /** Ground truth for the image, when the user gave one (alternatives joined with `|`). */
  label: string | null;
}

export interface StoredComparison {
  comparisonId: string;
  createdAt: string;
  prompt: string | null;
  models: string[];
  /** One batch per model, in the models' order. */
  batchIds: string[];
  /** The field the ground truth is for, when the upload chose one (`judgedField` picks otherwise). */
  truthField?: string | null | undefined;
}

export interface BatchSummary extends StoredBatch {
  total: number;
}

export interface BatchPage {
  batches: BatchSummary[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** An item in one of these holds its answer for good: a second result (a job that ran twice) is not recorded. */
export const FINAL_ITEM_STATUSES: readonly ItemStatus[] = ['success', 'error', 'cancelled'];

export type ItemFinishedEvent = Extract<BatchProgressEvent, { type: 'item-finished' }>;
export type BatchFinishedEvent = Extract<BatchProgressEvent, { type: 'batch-finished' }>;
export type BatchStartedEvent = Extract<BatchProgressEvent, { type: 'batch-started' }>;

export interface EventEffects {
  batch?: Partial<Pick<StoredBatch, 'status' | 'finishedAt' | 'elapsedS' | 'stats' | 'runRecord'>>;
  item?: { index: number; status: ItemStatus; result: ItemResult | null };
}

/**
 * Where batches live between runs and restarts. Each event and its effect on the batch are written together,
 * so after a crash the stored items agree with the stored event log.
 */
export interface BatchRepository {
  createBatch(batch: StoredBatch, items: StoredItem[]): Promise<void>;
  getBatch(batchId: string): Promise<{ batch: StoredBatch; items: StoredItem[] } | undefined>;
  listBatches(options: { limit: number; cursor?: string | null }): Promise<BatchPage>;
  recordEvent(batchId: string, entry: LoggedEvent, effects: EventEffects): Promise<void>;
  /**
   * Appends an event numbered by the store, after the batch's stored log, with its effects in one transaction:
   * for logs that several processes write (the workers of a cluster), where no one process knows the next id.
   */
  appendEvent(batchId: string, event: BatchProgressEvent, effects: EventEffects): Promise<LoggedEvent>;
  /**
   * An item's result and its `item-finished` event (appended as `appendEvent` does), written at most once: when the
   * item already holds a final result (success, error or cancelled), as when a job ran twice, nothing is written
   * and the answer is undefined. Queuing the item again (`updateItems`, a retry) allows the next result.
   */
  recordItemResultOnce(
    batchId: string,
    event: ItemFinishedEvent,
    item: NonNullable<EventEffects['item']>,
  ): Promise<LoggedEvent | undefined>;
  /** Changes without an event, e.g. items queued again before a retry. */
  updateItems(batchId: string, items: Array<{ index: number; status: ItemStatus; result: ItemResult | null }>): Promise<void>;
  updateBatch(batchId: string, patch: NonNullable<EventEffects['batch']>): Promise<void>;
  /**
   * The batch's `batch-finished` event and its effects (appended as `appendEvent` does), written at most once and
   * only when every item holds a final result: when the batch has already finished, or an item is still queued or
   * running, nothing is written and the answer is undefined. A cluster's workers each ask after their last
   * result; one of them finishes the batch.
   */
  recordBatchFinishedOnce(batchId: string, event: BatchFinishedEvent, effects: EventEffects): Promise<LoggedEvent | undefined>;
  /**
   * The batch's `batch-started` and its effects, written only while the batch is queued (else undefined): in a
   * cluster the one that records a comparison's earlier batch's end and the API server that ran it may both start
   * the next; one of them does.
   */
  recordBatchStartedOnce(batchId: string, event: BatchStartedEvent, effects: EventEffects): Promise<LoggedEvent | undefined>;
  events(batchId: string, afterId: number): Promise<LoggedEvent[]>;
  lastEventId(batchId: string): Promise<number>;
  unfinishedBatchIds(): Promise<string[]>;
  deleteBatch(batchId: string): Promise<void>;
  /** Batches waiting for `batchId` to end before they start. */
  batchesWaitingFor(batchId: string): Promise<string[]>;
  setLabels(batchId: string, labels: ReadonlyArray<{ index: number; label: string | null }>): Promise<void>;
  createComparison(comparison: StoredComparison): Promise<void>;
  getComparison(comparisonId: string): Promise<StoredComparison | undefined>;
  /** Removes the comparison's row only: its batches are deleted one by one before (`ComparisonService.delete`). */
  deleteComparison(comparisonId: string): Promise<void>;
  listComparisons(options: {
    limit: number;
    cursor?: string | null;
  }): Promise<{ comparisons: StoredComparison[]; nextCursor: string | null }>;
  saveThumbnail(batchId: string, index: number, jpeg: Buffer): Promise<void>;
  getThumbnail(batchId: string, index: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}
