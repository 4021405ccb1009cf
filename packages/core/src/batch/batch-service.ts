import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRunRecord } from '../accuracy/run-record.ts';
import { silentLogger, type Logger } from '../logger';
import { buildUserPrompt, ENTITY_RESPONSE_FORMAT } from '../answer';
import { prepareImage, probeImage, sniffFile, type PreparedImage, type PrepareOptions } from '../images';
import type { LmStudioClient, ModelInfo } from '../lmstudio';
import type { BatchFiles } from './batch-files';
import { logBatchEvent } from './batch-log';
import { checkModelChoice } from './check-model';
import { chooseConcurrency } from './concurrency';
import { BatchError, batchNotFound } from './errors';
import { EventHub } from './event-hub';
import { checkBatchShape, type BatchLimits, type BatchRejection } from './limits';
import type { LoggedEvent } from './event-log';
import type { BatchPage, BatchRepository, EventEffects, StoredItem } from './repository';
import { createRequestScheduler, type LaneLimits, type RequestScheduler } from './request-scheduler';
import { runBatch, type BatchItemInput, type BatchOutcome } from './run-batch';
import { makeThumbnail } from './thumbnail';
import type { BatchProgressEvent, BatchStats, BatchStatus, ItemResult, ItemStatus } from './types';

export interface UploadedImage {
  /** The name the user gave the file: shown and returned, never used as a path. */
  filename: string;
  /** Where the upload was streamed to on disk. */
  path: string;
  size: number;
}

export interface SubmitBatchInput {
  model: string;
  prompt?: string | undefined;
  files: UploadedImage[];
  /** Requests in flight for this batch; by default the server's setting or LM Studio's parallel slots. */
  concurrency?: number | undefined;
  /** Removes what is left of the upload; called once the batch has taken (or refused) the files. */
  cleanup: () => Promise<void>;
  /** Ground truth per image, in upload order. */
  labels?: ReadonlyArray<string | null> | undefined;
  comparisonId?: string | null | undefined;
  /** Start only once this batch has ended (the previous model of a comparison). */
  runAfter?: string | null | undefined;
}

export type SubmitOutcome = { ok: true; batchId: string; done: Promise<BatchOutcome> } | ({ ok: false } & BatchRejection);

export interface BatchItemView {
  index: number;
  filename: string;
  size: number;
  status: ItemStatus;
  result: ItemResult | null;
  label: string | null;
}

export interface BatchView {
  batchId: string;
  model: string;
  prompt: string | null;
  status: BatchStatus;
  createdAt: string;
  finishedAt: string | null;
  items: BatchItemView[];
  stats: BatchStats | null;
  comparisonId: string | null;
}

export interface BatchServiceDeps {
  lmstudio: Pick<LmStudioClient, 'analyzeImage' | 'listModels' | 'baseUrl'>;
  repository: BatchRepository;
  files: BatchFiles;
  limits: BatchLimits;
  prepareOptions: PrepareOptions;
  /** The server's concurrency setting (LMSTUDIO_CONCURRENCY); LM Studio's parallel slots when unset. */
  concurrency?: number | undefined;
  /** Shares LM Studio among all batches (round-robin); one per process. A fresh one by default. */
  scheduler?: RequestScheduler | undefined;
  /** Where batches starting, finishing and failing images are reported; silent by default. */
  logger?: Logger | undefined;
}

export interface BatchService {
  submit(input: SubmitBatchInput): Promise<SubmitOutcome>;
  get(batchId: string): Promise<BatchView | undefined>;
  list(options: { limit: number; cursor?: string | null }): Promise<BatchPage>;
  /** Missed events after `lastEventId`, then live ones; `undefined` for an unknown batch. */
  follow(batchId: string, lastEventId: number, signal?: AbortSignal): Promise<AsyncGenerator<LoggedEvent> | undefined>;
  /** Stops the batch at once: the in-flight requests are closed, queued items become cancelled. */
  cancel(batchId: string): Promise<BatchView>;
  /** Runs items again from their prepared images; by default every failed or cancelled one. */
  retry(batchId: string, indexes?: number[]): Promise<{ batchId: string; indexes: number[] }>;
  delete(batchId: string): Promise<void>;
  thumbnail(batchId: string, index: number): Promise<Buffer | undefined>;
  /** Finishes the batches a previous process left unfinished (killed, power cut). */
  resumeUnfinished(): Promise<string[]>;
  isActive(batchId: string): boolean;
  /** Resolves when every running batch has finished (for orderly shutdown and tests). */
  idle(): Promise<void>;
  /**
   * For a graceful stop: sends nothing more to the model, waits up to `graceMs` for the requests already there
   * (their results are saved), then ends the progress streams. The rest stays queued for `resumeUnfinished`.
   * `finished` is false when the grace ran out with requests still in flight.
   */
  drain(graceMs: number): Promise<{ finished: boolean }>;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<BatchOutcome>;
}

export function createBatchService(deps: BatchServiceDeps): BatchService {
  const { repository, files } = deps;
  const active = new Map<string, ActiveRun>();
  const hub = new EventHub();
  const lastIds = new Map<string, number>();
  const turns = new Map<string, (done: Promise<BatchOutcome>) => void>();
  const scheduler = deps.scheduler ?? createRequestScheduler();
  const logger = deps.logger ?? silentLogger;
  // Aborted once, when the process stops: runs halt between items (see runBatch's `halt`).
  const halt = new AbortController();

  async function submit(input: SubmitBatchInput): Promise<SubmitOutcome> {
    try {
      const shape = checkBatchShape(input.files, deps.limits);
      if (shape) return { ok: false, ...shape };
      const models: ModelInfo[] | undefined = await deps.lmstudio.listModels().catch(() => undefined);
      const modelCheck = checkModelChoice(input.model, models, deps.lmstudio.baseUrl);
      if (!modelCheck.ok) return { ok: false, status: 400, error: modelCheck.error };

      const batchId = randomUUID();
      const concurrency = chooseConcurrency({ requested: input.concurrency, configured: deps.concurrency, model: input.model, models });
      await repository.createBatch(
        {
          batchId, model: input.model, prompt: input.prompt ?? null, status: 'queued', createdAt: new Date().toISOString(),
          finishedAt: null, elapsedS: 0, stats: null, comparisonId: input.comparisonId ?? null, runAfter: input.runAfter ?? null, runRecord: null,
        },
        input.files.map((file, index) => ({ index, filename: file.filename, size: file.size, status: 'queued', result: null, label: input.labels?.[index] ?? null })),
      );
      await files.adoptUploads(batchId, input.files);
      const done = input.runAfter && (await isPending(input.runAfter)) ? waitForTurn(batchId) : startRun(batchId, { concurrency });
      return { ok: true, batchId, done };
    } finally {
      await input.cleanup();
    }
  }

  /** A batch waiting for another to end: its run starts when that one's does (see `startWaiting`). */
  function waitForTurn(batchId: string): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => turns.set(batchId, (done) => done.then(resolve, reject)));
  }

  async function isPending(batchId: string): Promise<boolean> {
    if (active.has(batchId)) return true;
    const status = (await repository.getBatch(batchId))?.batch.status;
    return status === 'queued' || status === 'running';
  }

  async function startWaiting(batchId: string): Promise<void> {
    if (halt.signal.aborted) return;
    for (const next of await repository.batchesWaitingFor(batchId)) if (!active.has(next)) startRun(next, {});
  }

  function startRun(
    batchId: string,
    options: { concurrency?: LaneLimits; resumed?: boolean; retry?: boolean; cancelled?: boolean },
  ): Promise<BatchOutcome> {
    const controller = new AbortController();
    // A batch cancelled before its turn still runs through the runner, so every item ends with an event.
    if (options.cancelled) controller.abort();
    const done = (async () => {
      const stored = await repository.getBatch(batchId);
      if (!stored) throw batchNotFound(batchId);
      const pending = stored.items.filter((item) => item.status === 'queued' || item.status === 'running');
      const completed = stored.items.filter((item) => !pending.includes(item) && item.result).map((item) => item.result!);
      let lastId = await repository.lastEventId(batchId);
      const concurrency = options.concurrency
        ?? chooseConcurrency({ configured: deps.concurrency, model: stored.batch.model, models: await deps.lmstudio.listModels().catch(() => undefined) });
      const items = await Promise.all(pending.map((item) => toRunItem(batchId, item)));
      const runRecord = stored.batch.runRecord ?? (await recordRun(stored.batch.model, stored.batch.prompt));
      const lane = scheduler.openLane(batchId, concurrency);
      const outcome = await runBatch({
        batchId,
        model: stored.batch.model,
        prompt: stored.batch.prompt ?? undefined,
        items,
        completed,
        elapsedBeforeS: stored.batch.elapsedS,
        resumed: options.resumed ?? false,
        retry: options.retry ?? false,
        concurrency: concurrency.concurrency,
        requestSlot: lane.acquire,
        signal: controller.signal,
        halt: halt.signal,
        prepare: (item) => prepareStored(batchId, item),
        analyze: (request) => deps.lmstudio.analyzeImage(request),
        onEvent: async (event) => {
          const entry = { id: ++lastId, event };
          await repository.recordEvent(batchId, entry, effectsOf(event));
          lastIds.set(batchId, entry.id);
          hub.publish(batchId, entry);
          logBatchEvent(logger, event);
        },
      }).finally(() => lane.close());
      // Bad files are settled for good; an original is kept only for an item cancelled before it was prepared.
      await Promise.all(pending.map((item, position) => {
        const result = outcome.results[position];
        return result && result.error !== 'cancelled' ? files.removeOriginal(batchId, item.index) : undefined;
      }));
      if (outcome.status === 'running') return outcome; // Halted: the next start resumes it.
      const finishedAt = new Date().toISOString();
      await repository.updateBatch(batchId, {
        runRecord: { ...runRecord, timings: { ...runRecord.timings, finishedAt, wallTimeSeconds: outcome.stats.wall_time } },
      });
      return outcome;
    })();
    active.set(batchId, { controller, done });
    turns.get(batchId)?.(done);
    turns.delete(batchId);
    void done.catch((error: unknown) => logger.error({ batchId, err: error }, 'batch stopped unexpectedly')).finally(() => {
      if (active.get(batchId)?.done === done) active.delete(batchId);
      hub.publishIdle(batchId);
      void startWaiting(batchId).catch((error: unknown) => logger.error({ batchId, err: error }, 'cannot start the batches waiting for this one'));
    });
    return done;
  }

  /** How this run was made, so runs can be compared later: model details, exact prompt and schema, their hash. */
  async function recordRun(model: string, prompt: string | null) {
    const info = (await deps.lmstudio.listModels().catch(() => undefined))?.find((candidate) => candidate.id === model);
    return createRunRecord({
      model,
      modelInfo: info ? { quantization: info.quantization, maxContextLength: info.maxContextLength, type: info.type, parallel: info.parallel } : undefined,
      prompt: buildUserPrompt(prompt ?? undefined),
      responseFormat: ENTITY_RESPONSE_FORMAT,
      timings: { startedAt: new Date() },
    });
  }

  async function toRunItem(batchId: string, item: StoredItem): Promise<BatchItemInput> {
    const original = files.originalPath(batchId, item.index);
    const run = { index: item.index, filename: item.filename, path: original, rejection: null as string | null };
    if (await files.exists(files.preparedPath(batchId, item.index))) return run;
    if (!(await files.exists(original))) {
      return { ...run, rejection: 'the file was refused before and is not kept; upload a fixed copy' };
    }
    const sniffed = await sniffFile(original);
    return { ...run, rejection: sniffed.ok ? null : sniffed.reason };
  }

  async function prepareStored(batchId: string, item: BatchItemInput): Promise<PreparedImage> {
    const preparedPath = files.preparedPath(batchId, item.index);
    if (await files.exists(preparedPath)) {
      const data = await readFile(preparedPath);
      const probe = await probeImage(preparedPath);
      return { data, mime: 'image/jpeg', width: probe.width, height: probe.height, sourceFormat: 'jpeg', sourceWidth: probe.width, sourceHeight: probe.height, bytes: data.length };
    }
    const image = await prepareImage(item.path, deps.prepareOptions);
    // Side by side: the image waits for both before it is sent, and the original goes only after both.
    await Promise.all([
      files.writePrepared(batchId, item.index, image.data),
      makeThumbnail(image.data).then((thumbnail) => repository.saveThumbnail(batchId, item.index, thumbnail)),
    ]);
    await files.removeOriginal(batchId, item.index);
    return image;
  }

  async function get(batchId: string): Promise<BatchView | undefined> {
    const stored = await repository.getBatch(batchId);
    if (!stored) return undefined;
    const { batch, items } = stored;
    return {
      batchId: batch.batchId,
      model: batch.model,
      prompt: batch.prompt,
      status: batch.status,
      createdAt: batch.createdAt,
      finishedAt: batch.finishedAt,
      stats: batch.stats,
      comparisonId: batch.comparisonId,
      items: items.map(({ index, filename, size, status, result, label }) => ({ index, filename, size, status, result, label })),
    };
  }

  async function latestId(batchId: string): Promise<number> {
    return lastIds.get(batchId) ?? (await repository.lastEventId(batchId));
  }

  async function follow(batchId: string, lastEventId: number, signal?: AbortSignal) {
    if (!(await repository.getBatch(batchId))) return undefined;
    return followEvents(batchId, lastEventId, signal);
  }

  async function* followEvents(batchId: string, lastEventId: number, signal?: AbortSignal): AsyncGenerator<LoggedEvent> {
    // Listen before reading the stored log, so nothing recorded in between is lost.
    const live = hub.subscribe(batchId, signal);
    try {
      let last = lastEventId;
      // The stream ends when the batch has ended for good and the follower has every event: not merely when no
      // run is active (a batch waits its turn in a comparison, or for the restarted server to resume it).
      const ended = async () =>
        !active.has(batchId) && last >= (await latestId(batchId)) && isSettled((await repository.getBatch(batchId))?.batch.status);
      const isEnd = async (entry: LoggedEvent) => entry.event.type === 'batch-finished' && (await ended());
      for (const entry of await repository.events(batchId, last)) {
        last = entry.id;
        yield entry;
        if (await isEnd(entry)) return;
      }
      if (await ended()) return;
      for await (const entry of live) {
        if (entry === 'idle') {
          if (await ended()) return;
          continue;
        }
        if (entry.id <= last) continue;
        last = entry.id;
        yield entry;
        if (await isEnd(entry)) return;
      }
    } finally {
      live.close();
    }
  }

  async function cancel(batchId: string): Promise<BatchView> {
    const waiting = await repository.getBatch(batchId);
    if (!active.has(batchId) && waiting?.batch.status === 'queued') await startRun(batchId, { cancelled: true }).catch(() => undefined);
    const run = active.get(batchId);
    if (run) {
      run.controller.abort();
      await run.done.catch(() => undefined);
    }
    const view = await get(batchId);
    if (!view) throw batchNotFound(batchId);
    return view;
  }

  async function retry(batchId: string, indexes?: number[]) {
    const view = await get(batchId);
    if (!view) throw batchNotFound(batchId);
    if (active.has(batchId)) throw new BatchError('CONFLICT', 'The batch is still running: cancel it or wait for it to finish before retrying.');
    const chosen = indexes?.length
      ? [...new Set(indexes)].sort((a, b) => a - b)
      : await retryable(batchId, view.items.filter((item) => item.status === 'error' || item.status === 'cancelled'));
    const unknown = chosen.filter((index) => !view.items[index]);
    if (unknown.length) throw new BatchError('BAD_REQUEST', `The batch has no image at index ${unknown.join(', ')}.`);
    if (!chosen.length) throw new BatchError('BAD_REQUEST', 'Nothing to retry: no image of this batch failed or was cancelled.');
    await repository.updateItems(batchId, chosen.map((index) => ({ index, status: 'queued', result: null })));
    await repository.updateBatch(batchId, { status: 'queued', finishedAt: null });
    void startRun(batchId, { retry: true }).catch(() => undefined);
    return { batchId, indexes: chosen };
  }

  /** By default a retry leaves out the files that were themselves refused: nothing is kept to send again. */
  async function retryable(batchId: string, items: BatchItemView[]): Promise<number[]> {
    const kept = await Promise.all(
      items.map(async (item) =>
        (await files.exists(files.preparedPath(batchId, item.index))) || (await files.exists(files.originalPath(batchId, item.index))),
      ),
    );
    return items.filter((_, position) => kept[position]).map((item) => item.index);
  }

  async function remove(batchId: string): Promise<void> {
    if (!(await repository.getBatch(batchId))) throw batchNotFound(batchId);
    const run = active.get(batchId);
    if (run) {
      run.controller.abort();
      await run.done.catch(() => undefined);
    }
    await repository.deleteBatch(batchId);
    await files.removeBatch(batchId);
    lastIds.delete(batchId);
  }

  return {
    submit,
    get,
    list: (options) => repository.listBatches(options),
    follow,
    cancel,
    retry,
    delete: remove,
    thumbnail: (batchId, index) => repository.getThumbnail(batchId, index),
    async resumeUnfinished() {
      const ids = await repository.unfinishedBatchIds();
      for (const batchId of ids) {
        // A comparison's later model starts when the earlier one ends, as before the restart.
        const runAfter = (await repository.getBatch(batchId))?.batch.runAfter;
        if (runAfter && ids.includes(runAfter)) continue;
        void startRun(batchId, { resumed: true }).catch(() => undefined);
      }
      return ids;
    },
    isActive: (batchId) => active.has(batchId),
    idle: async () => {
      await Promise.allSettled([...active.values()].map((run) => run.done));
    },
    async drain(graceMs) {
      halt.abort();
      let timer: NodeJS.Timeout | undefined;
      const settled = Promise.allSettled([...active.values()].map((run) => run.done)).then(() => true);
      const finished = await Promise.race([settled, new Promise<boolean>((resolve) => (timer = setTimeout(resolve, graceMs, false)))]);
      clearTimeout(timer);
      hub.closeAll();
      return { finished };
    },
  };
}

const isSettled = (status: BatchStatus | undefined) => status === undefined || status === 'completed' || status === 'cancelled';

function effectsOf(event: BatchProgressEvent): EventEffects {
  switch (event.type) {
    case 'batch-started':
      return { batch: { status: 'running', finishedAt: null } };
    case 'item-started':
      return { item: { index: event.index, status: 'running', result: null } };
    case 'item-finished': {
      const { result } = event;
      const status: ItemStatus = result.success ? 'success' : result.error === 'cancelled' ? 'cancelled' : 'error';
      return { item: { index: result.index, status, result } };
    }
    case 'batch-finished':
      return { batch: { status: event.status, finishedAt: new Date().toISOString(), elapsedS: event.stats.wall_time, stats: event.stats } };
  }
}
