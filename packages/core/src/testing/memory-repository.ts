import type { LoggedEvent } from '../batch/event-log';
import type { BatchProgressEvent } from '../batch/types';
import {
  FINAL_ITEM_STATUSES,
  type BatchPage,
  type BatchRepository,
  type EventEffects,
  type StoredBatch,
  type StoredComparison,
  type StoredItem,
} from '../batch/repository';

/** A repository in memory, for core's tests: it passes the same contract suite as SQLite's (repository-contract.ts). */
export function createMemoryBatchRepository(): BatchRepository {
  const batches = new Map<string, { batch: StoredBatch; items: StoredItem[]; events: LoggedEvent[]; thumbnails: Map<number, Buffer> }>();
  const comparisons = new Map<string, StoredComparison>();
  const must = (batchId: string) => {
    const entry = batches.get(batchId);
    if (!entry) throw new Error(`no batch ${batchId}`);
    return entry;
  };
  const clone = <T>(value: T): T => structuredClone(value);
  async function recordEvent(batchId: string, entry: LoggedEvent, effects: EventEffects) {
    const stored = must(batchId);
    stored.events.push(clone(entry));
    if (effects.batch) Object.assign(stored.batch, clone(effects.batch));
    if (effects.item) {
      const item = stored.items[effects.item.index];
      if (item) Object.assign(item, clone({ status: effects.item.status, result: effects.item.result }));
    }
  }
  async function appendEvent(batchId: string, event: BatchProgressEvent, effects: EventEffects) {
    const entry = { id: (must(batchId).events.at(-1)?.id ?? 0) + 1, event };
    await recordEvent(batchId, entry, effects);
    return clone(entry);
  }

  return {
    async createBatch(batch, items) {
      batches.set(batch.batchId, { batch: clone(batch), items: clone(items), events: [], thumbnails: new Map() });
    },
    async getBatch(batchId) {
      const entry = batches.get(batchId);
      return entry && { batch: clone(entry.batch), items: clone(entry.items) };
    },
    async listBatches({ limit, cursor }): Promise<BatchPage> {
      const all = [...batches.values()]
        .map((entry) => ({ ...clone(entry.batch), total: entry.items.length }))
        .sort((a, b) => (a.createdAt === b.createdAt ? b.batchId.localeCompare(a.batchId) : b.createdAt.localeCompare(a.createdAt)));
      const start = cursor ? all.findIndex((batch) => `${batch.createdAt}|${batch.batchId}` === cursor) + 1 : 0;
      const page = all.slice(start, start + limit);
      const last = page.at(-1);
      return { batches: page, nextCursor: start + limit < all.length && last ? `${last.createdAt}|${last.batchId}` : null };
    },
    appendEvent,
    async recordBatchFinishedOnce(batchId, event, effects) {
      const stored = batches.get(batchId);
      if (!stored || stored.batch.status === 'completed' || stored.batch.status === 'cancelled') return undefined;
      if (!stored.items.every((item) => FINAL_ITEM_STATUSES.includes(item.status))) return undefined;
      return appendEvent(batchId, event, effects);
    },
    async recordBatchStartedOnce(batchId, event, effects) {
      return batches.get(batchId)?.batch.status === 'queued' ? appendEvent(batchId, event, effects) : undefined;
    },
    async recordItemResultOnce(batchId, event, item) {
      const status = batches.get(batchId)?.items[item.index]?.status;
      if (status === undefined || FINAL_ITEM_STATUSES.includes(status)) return undefined;
      return appendEvent(batchId, event, { item });
    },
    recordEvent,
    async updateItems(batchId, updates) {
      const stored = must(batchId);
      for (const update of updates) {
        const item = stored.items[update.index];
        if (item) Object.assign(item, clone({ status: update.status, result: update.result }));
      }
    },
    async updateBatch(batchId, patch) {
      Object.assign(must(batchId).batch, clone(patch));
    },
    async events(batchId, afterId) {
      return clone((batches.get(batchId)?.events ?? []).filter((entry) => entry.id > afterId));
    },
    async lastEventId(batchId) {
      return batches.get(batchId)?.events.at(-1)?.id ?? 0;
    },
    async unfinishedBatchIds() {
      return [...batches.values()]
        .filter((entry) => entry.batch.status === 'queued' || entry.batch.status === 'running')
        .sort((a, b) => a.batch.createdAt.localeCompare(b.batch.createdAt))
        .map((entry) => entry.batch.batchId);
    },
    async deleteBatch(batchId) {
      batches.delete(batchId);
    },
    async batchesWaitingFor(batchId) {
      return [...batches.values()]
        .filter((entry) => entry.batch.runAfter === batchId && entry.batch.status === 'queued')
        .map((entry) => entry.batch.batchId);
    },
    async setLabels(batchId, labels) {
      const stored = must(batchId);
      for (const { index, label } of labels) {
        const item = stored.items[index];
        if (item) item.label = label;
      }
    },
    async createComparison(comparison) {
      comparisons.set(comparison.comparisonId, clone(comparison));
    },
    async getComparison(comparisonId) {
      const comparison = comparisons.get(comparisonId);
      return comparison && clone(comparison);
    },
    async deleteComparison(comparisonId) {
      comparisons.delete(comparisonId);
    },
    async listComparisons({ limit, cursor }) {
      const all = [...comparisons.values()].sort((a, b) =>
        a.createdAt === b.createdAt ? b.comparisonId.localeCompare(a.comparisonId) : b.createdAt.localeCompare(a.createdAt),
      );
      const start = cursor ? all.findIndex((c) => `${c.createdAt}|${c.comparisonId}` === cursor) + 1 : 0;
      const page = all.slice(start, start + limit);
      const last = page.at(-1);
      return { comparisons: clone(page), nextCursor: start + limit < all.length && last ? `${last.createdAt}|${last.comparisonId}` : null };
    },
    async saveThumbnail(batchId, index, jpeg) {
      must(batchId).thumbnails.set(index, jpeg);
    },
    async getThumbnail(batchId, index) {
      return batches.get(batchId)?.thumbnails.get(index);
    },
    async close() {},
  };
}
