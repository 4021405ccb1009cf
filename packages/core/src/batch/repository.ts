import type { RunRecord } from '../accuracy/run-record.ts';
import type { FieldSpec } from '../fields/field-types.ts';
import type { LoggedEvent } from './event-log';
import type { BatchStats, BatchStatus, ItemResult, ItemStatus } from './types';

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
  /** Changes without an event, e.g. items queued again before a retry. */
  updateItems(batchId: string, items: Array<{ index: number; status: ItemStatus; result: ItemResult | null }>): Promise<void>;
  updateBatch(batchId: string, patch: NonNullable<EventEffects['batch']>): Promise<void>;
  events(batchId: string, afterId: number): Promise<LoggedEvent[]>;
  lastEventId(batchId: string): Promise<number>;
  unfinishedBatchIds(): Promise<string[]>;
  deleteBatch(batchId: string): Promise<void>;
  /** Batches waiting for `batchId` to end before they start. */
  batchesWaitingFor(batchId: string): Promise<string[]>;
  setLabels(batchId: string, labels: ReadonlyArray<{ index: number; label: string | null }>): Promise<void>;
  createComparison(comparison: StoredComparison): Promise<void>;
  getComparison(comparisonId: string): Promise<StoredComparison | undefined>;
  listComparisons(options: {
    limit: number;
    cursor?: string | null;
  }): Promise<{ comparisons: StoredComparison[]; nextCursor: string | null }>;
  saveThumbnail(batchId: string, index: number, jpeg: Buffer): Promise<void>;
  getThumbnail(batchId: string, index: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}
