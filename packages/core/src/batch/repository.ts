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
}

export interface StoredItem {
  index: number;
  filename: string;
  size: number;
  status: ItemStatus;
  result: ItemResult | null;
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
  batch?: Partial<Pick<StoredBatch, 'status' | 'finishedAt' | 'elapsedS' | 'stats'>>;
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
  saveThumbnail(batchId: string, index: number, jpeg: Buffer): Promise<void>;
  getThumbnail(batchId: string, index: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}
