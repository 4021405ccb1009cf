import { randomUUID } from 'node:crypto';
import { sniffFile, type PreparedImage } from '../images';
import type { LmStudioClient, ModelInfo } from '../lmstudio';
import { BatchEventLog, type LoggedEvent } from './event-log';
import { checkModelChoice } from './check-model';
import { checkBatchShape, type BatchLimits, type BatchRejection } from './limits';
import { runBatch, type BatchItemInput, type BatchOutcome } from './run-batch';
import type { BatchStats, BatchStatus, ItemResult, ItemStatus } from './types';

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
  /** Removes the uploaded files; called once the batch no longer needs them, however it ends. */
  cleanup: () => Promise<void>;
}

export type SubmitOutcome = { ok: true; batchId: string; done: Promise<BatchOutcome> } | ({ ok: false } & BatchRejection);

export interface BatchItemView {
  index: number;
  filename: string;
  status: ItemStatus;
  result: ItemResult | null;
}

export interface BatchView {
  batchId: string;
  model: string;
  prompt: string | null;
  status: BatchStatus;
  createdAt: string;
  items: BatchItemView[];
  stats: BatchStats | null;
}

export interface BatchServiceDeps {
  lmstudio: Pick<LmStudioClient, 'analyzeImage' | 'listModels' | 'baseUrl'>;
  prepare: (item: BatchItemInput) => Promise<PreparedImage>;
  limits: BatchLimits;
  concurrency?: number;
}

interface BatchRecord {
  view: BatchView;
  log: BatchEventLog;
}

export interface BatchService {
  submit(input: SubmitBatchInput): Promise<SubmitOutcome>;
  get(batchId: string): BatchView | undefined;
  /** Missed events after `lastEventId`, then live ones; `undefined` for an unknown batch. */
  follow(batchId: string, lastEventId: number, signal?: AbortSignal): AsyncGenerator<LoggedEvent> | undefined;
  /** Resolves when every running batch has finished (for orderly shutdown and tests). */
  idle(): Promise<void>;
}

export function createBatchService(deps: BatchServiceDeps): BatchService {
  const batches = new Map<string, BatchRecord>();
  const running = new Set<Promise<unknown>>();

  async function submit(input: SubmitBatchInput): Promise<SubmitOutcome> {
    const refuse = async (rejection: BatchRejection): Promise<SubmitOutcome> => {
      await input.cleanup();
      return { ok: false, ...rejection };
    };
    const shape = checkBatchShape(input.files, deps.limits);
    if (shape) return refuse(shape);
    const models: ModelInfo[] | undefined = await deps.lmstudio.listModels().catch(() => undefined);
    const modelCheck = checkModelChoice(input.model, models, deps.lmstudio.baseUrl);
    if (!modelCheck.ok) return refuse({ status: 400, error: modelCheck.error });

    const items: BatchItemInput[] = await Promise.all(
      input.files.map(async (file, index) => {
        const sniffed = await sniffFile(file.path).catch(() => ({ ok: false as const, reason: 'the upload could not be read' }));
        return { index, filename: file.filename, path: file.path, rejection: sniffed.ok ? null : sniffed.reason };
      }),
    );
    const batchId = randomUUID();
    const record: BatchRecord = {
      log: new BatchEventLog(),
      view: {
        batchId,
        model: input.model,
        prompt: input.prompt ?? null,
        status: 'queued',
        createdAt: new Date().toISOString(),
        items: items.map((item) => ({ index: item.index, filename: item.filename, status: 'queued', result: null })),
        stats: null,
      },
    };
    batches.set(batchId, record);

    const done = runBatch({
      batchId,
      model: input.model,
      prompt: input.prompt,
      items,
      prepare: deps.prepare,
      analyze: (request) => deps.lmstudio.analyzeImage(request),
      concurrency: deps.concurrency ?? 1,
      onEvent: (event) => {
        applyEvent(record.view, event);
        record.log.append(event);
      },
    }).finally(() => input.cleanup());
    running.add(done);
    void done.catch(() => undefined).finally(() => running.delete(done));
    return { ok: true, batchId, done };
  }

  return {
    submit,
    get: (batchId) => batches.get(batchId)?.view,
    follow: (batchId, lastEventId, signal) => batches.get(batchId)?.log.follow(lastEventId, signal),
    idle: async () => {
      await Promise.allSettled([...running]);
    },
  };
}

function applyEvent(view: BatchView, event: LoggedEvent['event']): void {
  switch (event.type) {
    case 'batch-started':
      view.status = 'running';
      break;
    case 'item-started': {
      const item = view.items[event.index];
      if (item) item.status = 'running';
      break;
    }
    case 'item-finished': {
      const item = view.items[event.result.index];
      if (!item) break;
      item.result = event.result;
      item.status = event.result.success ? 'success' : event.result.error === 'cancelled' ? 'cancelled' : 'error';
      break;
    }
    case 'batch-finished':
      view.status = event.status;
      view.stats = event.stats;
      break;
  }
}
