import { createRunRecord, hostsOfResults, mergeRunHosts, type RunRecord } from '../accuracy/run-record.ts';
import { buildUserPrompt, ENTITY_RESPONSE_FORMAT } from '../answer';
import { wordNetMatcher } from '../accuracy/match-to-list.ts';
import { fieldsAnswerFormat, type AnswerFormat } from '../fields/answer-format';
import type { HostRouter, LaneLimits } from '../inference';
import type { ModelInfo } from '../lmstudio';
import type { Logger } from '../logger';
import { logBatchEvent } from './batch-log';
import type { BatchEventStream } from './batch-event-stream';
import { chooseConcurrency } from './concurrency';
import { notFound } from '../errors';
import type { BatchRepository, StoredBatch, StoredItem } from './repository';
import { runBatch, type BatchOutcome } from './run-batch';
import { isCancelled } from './stats';
import { prepareStored, toRunItem, type PrepareStoredDeps } from './stored-images';

/** What the batches need of the inference hosts: their models, and a lane per run to send its images through. */
export type Inference = Pick<HostRouter, 'baseUrl' | 'listModels' | 'openLane'>;

export interface RunStoredBatchDeps extends PrepareStoredDeps {
  inference: Inference;
  repository: BatchRepository;
  /** The server's concurrency setting (LMSTUDIO_CONCURRENCY); the hosts' parallel slots when unset. */
  concurrency?: number | undefined;
  events: BatchEventStream;
  logger: Logger;
  /** Aborted once, when the process stops: runs halt between items (see runBatch's `halt`). */
  halt: AbortSignal;
}

/** How a run starts: what the submit already knows, and why it runs. */
export interface RunStart {
  concurrency?: LaneLimits;
  /** The hosts' model list as the submit fetched it (undefined inside: unreachable); asked at most once when absent. */
  listing?: Promise<ModelInfo[] | undefined>;
  resumed?: boolean;
  retry?: boolean;
}

const isPending = (item: StoredItem) => item.status === 'queued' || item.status === 'running';

/** Runs a stored batch's queued items, writing every event and result as it happens. */
export async function runStoredBatch(
  deps: RunStoredBatchDeps,
  batchId: string,
  start: RunStart,
  signal: AbortSignal,
): Promise<BatchOutcome> {
  const stored = await deps.repository.getBatch(batchId);
  if (!stored) throw notFound('batch', batchId);
  const { batch } = stored;
  const pending = stored.items.filter(isPending);
  const completed = stored.items.filter((item) => !isPending(item) && item.result).map((item) => item.result!);
  const record = await deps.events.recorder(batchId);
  let listing = start.listing;
  const models = () => (listing ??= deps.inference.listModels().catch(() => undefined));
  // A later start (a comparison's next model, a resume, a retry) runs as the upload asked.
  const concurrency =
    start.concurrency ??
    chooseConcurrency({ requested: batch.concurrency, configured: deps.concurrency, model: batch.model, models: await models() });
  const items = await Promise.all(pending.map((item) => toRunItem(deps.files, batchId, item)));
  const answer = answerFormatOf(batch);
  const runRecord = batch.runRecord ?? recordRun(batch.model, batch.prompt, await models(), answer);
  const lane = deps.inference.openLane(batchId, concurrency, batch.model);
  const outcome = await runBatch({
    batchId,
    model: batch.model,
    prompt: batch.prompt ?? undefined,
    items,
    completed,
    elapsedBeforeS: batch.elapsedS,
    resumed: start.resumed ?? false,
    retry: start.retry ?? false,
    concurrency: concurrency.concurrency,
    signal,
    halt: deps.halt,
    prepare: (item) => prepareStored(deps, batchId, item),
    // A batch with fields sends their prompt and schema in place of the entity question.
    send: answer ? (request, options) => lane.send({ ...request, answer }, options) : lane.send,
    onEvent: async (event) => {
      await record(event);
      logBatchEvent(deps.logger, event);
    },
  }).finally(() => lane.close());
  // Bad files are settled for good; an original is kept only for an item cancelled before it was prepared.
  await Promise.all(
    pending.map((item, position) => {
      const result = outcome.results[position];
      return result && !isCancelled(result) ? deps.files.removeOriginal(batchId, item.index) : undefined;
    }),
  );
  if (outcome.status === 'running') return outcome; // Halted: the next start resumes it.
  const finishedAt = new Date().toISOString();
  await deps.repository.updateBatch(batchId, {
    runRecord: {
      ...runRecord,
      timings: { ...runRecord.timings, finishedAt, wallTimeSeconds: outcome.stats.wall_time },
      hosts: mergeRunHosts(runRecord.hosts, hostsOfResults(outcome.results.filter(Boolean))),
    },
  });
  return outcome;
}

/** A batch with fields asks their prompt and schema in place of the entity question (here and on a cluster's workers). */
export function answerFormatOf(batch: Pick<StoredBatch, 'fields' | 'prompt'>): AnswerFormat | undefined {
  return batch.fields ? fieldsAnswerFormat(batch.fields, { prompt: batch.prompt, match: wordNetMatcher() }) : undefined;
}

/** How this run was made, so runs can be compared later: model details, exact prompt and schema, their hash. */
function recordRun(model: string, prompt: string | null, models: ModelInfo[] | undefined, answer: AnswerFormat | undefined): RunRecord {
  const info = models?.find((candidate) => candidate.id === model);
  return createRunRecord({
    model,
    modelInfo: info
      ? { quantization: info.quantization, maxContextLength: info.maxContextLength, type: info.type, parallel: info.parallel }
      : undefined,
    // A batch with fields sends their prompt and schema, so its runs compare by them.
    prompt: answer?.prompt ?? buildUserPrompt(prompt ?? undefined),
    responseFormat: answer?.responseFormat ?? ENTITY_RESPONSE_FORMAT,
    timings: { startedAt: new Date() },
  });
}
