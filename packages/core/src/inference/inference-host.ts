import OpenAI from 'openai';
import { analyzeImage, DEFAULT_MAX_TOKENS, type AnalyzeImageRequest, type ImageAnalysis } from '../lmstudio/analyze-image';
import { describeRequestFailure } from '../lmstudio/errors';
import { createAnswerCheckingFetch } from '../lmstudio/lmstudio-fetch';
import type { ModelInfo } from '../lmstudio/list-models';
import { describeServer, type ServerDescription } from './describe-server';
import { withReadableErrors } from './error-bodies';
import type { HostAddress } from './host-url';
import { namingOf, DEFAULT_SLOTS, type ServerKind } from './server-kind';

export interface InferenceHostConfig extends HostAddress {
  apiKey?: string | undefined;
  requestTimeoutMs: number;
  maxTokens?: number | undefined;
  /** How long a model list stays fresh; capabilities and the kind are kept until the host fails. */
  modelsTtlMs?: number;
}

export interface HostHealth {
  baseUrl: string;
  kind: ServerKind | null;
  reachable: boolean;
  modelCount?: number;
  /** Requests this host serves at once (its own report, `#parallel`, or its kind's default). */
  slots: number;
  error?: string;
}

export interface InferenceHost {
  readonly baseUrl: string;
  /** The kind once known (after the first look-up). */
  readonly kind: ServerKind | undefined;
  /** Cached for `modelsTtlMs`; `maxAgeMs: 0` asks now (a health check). A send re-lists in the background instead. */
  listModels(signal?: AbortSignal, maxAgeMs?: number): Promise<ModelInfo[]>;
  /** The models as last listed, without asking. */
  cachedModels(): ModelInfo[] | undefined;
  /** Requests this host serves at once for `model`. */
  slotsFor(model?: string): number;
  analyzeImage(request: AnalyzeImageRequest): Promise<ImageAnalysis>;
  health(): Promise<HostHealth>;
  /** The host failed: ask again who it is and what it serves next time. */
  forget(): void;
}

/** One OpenAI-compatible server: recognised once, its models cached, its answers' failures named after it. */
export function createInferenceHost(config: InferenceHostConfig): InferenceHost {
  const baseUrl = config.baseUrl;
  const { openai, http } = clientsFor(config);
  const ttlMs = config.modelsTtlMs ?? 10_000;
  let description: ServerDescription | undefined;
  let fresh: { models: ModelInfo[]; at: number } | undefined;
  let pending: Promise<ModelInfo[]> | undefined;

  const isFresh = (maxAgeMs: number) => fresh !== undefined && performance.now() - fresh.at < maxAgeMs;

  const listModels = (signal?: AbortSignal, maxAgeMs = ttlMs): Promise<ModelInfo[]> => {
    if (fresh && isFresh(maxAgeMs)) return Promise.resolve(fresh.models);
    // Concurrent look-ups share one round of requests.
    pending ??= describeServer({ openai, http, previous: description, signal })
      .then((described) => {
        description = described;
        fresh = { models: described.models, at: performance.now() };
        return described.models;
      })
      .finally(() => (pending = undefined));
    return pending;
  };

  /**
   * A send never waits for a re-listing of a model the host has already listed: its vision check reads the last
   * list (what a model can do does not change under its id) while a fresh one is fetched behind the send, so the
   * slots and the loaded flags still catch up. A model the list has not shown yet, or a host that forgot its list
   * after a failure, is looked up before sending, as a text-only model must be refused before it gets a photo.
   */
  const modelsForSending = async (model: string, signal?: AbortSignal): Promise<ModelInfo[] | undefined> => {
    const known = fresh?.models;
    if (!known?.some((candidate) => candidate.id === model)) return listModels(signal).catch(() => undefined);
    // Not tied to this request's signal: the refresh is shared by every send that follows.
    if (!isFresh(ttlMs)) void listModels().catch(() => undefined);
    return known;
  };

  const slotsFor = (model?: string): number => {
    if (config.parallel !== undefined) return config.parallel;
    const models = fresh?.models ?? description?.models;
    const reported = models?.find((candidate) => candidate.id === model)?.parallel ?? models?.find((m) => m.parallel !== null)?.parallel;
    return reported ?? DEFAULT_SLOTS[description?.kind ?? 'openai'];
  };

  const analyzeOnce = (request: AnalyzeImageRequest) =>
    analyzeImage(
      {
        openai,
        baseUrl,
        requestTimeoutMs: config.requestTimeoutMs,
        maxTokens: config.maxTokens ?? DEFAULT_MAX_TOKENS,
        server: namingOf(description?.kind ?? config.assumedKind),
      },
      request,
    );

  return {
    baseUrl,
    get kind() {
      return description?.kind;
    },
    listModels,
    cachedModels: () => fresh?.models ?? description?.models,
    slotsFor,
    async analyzeImage(request) {
      const models = await modelsForSending(request.model, request.signal);
      const model = models?.find((candidate) => candidate.id === request.model);
      // Ollama answers a text-only model's photo with HTTP 200 and an invented entity: refuse before sending.
      if (model?.vision === false)
        return textOnly(request.model, model, `${namingOf(description?.kind ?? config.assumedKind).name} at ${baseUrl}`);
      return analyzeOnce(request);
    },
    async health() {
      const kind = description?.kind ?? null;
      try {
        const models = await listModels(undefined, 0);
        return { baseUrl, kind: description?.kind ?? null, reachable: true, modelCount: models.length, slots: slotsFor() };
      } catch (error) {
        const server = namingOf(description?.kind ?? config.assumedKind);
        const failure = describeRequestFailure(error, { baseUrl, timedOut: false, timeoutS: 0, server });
        return { baseUrl, kind, reachable: false, slots: slotsFor(), error: failure.message };
      }
    },
    forget() {
      description = undefined;
      fresh = undefined;
    },
  };
}

/** The openai client for chat completions (its errors made readable) and plain HTTP for the servers' own routes. */
function clientsFor(config: InferenceHostConfig) {
  const openai = new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey || 'not-needed',
    timeout: config.requestTimeoutMs,
    // Retries are the user's decision: a silent retry doubles GPU time on a model that is failing.
    maxRetries: 0,
    fetch: createAnswerCheckingFetch(withReadableErrors(fetch)),
  });
  const headers: Record<string, string> = config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
  const http = { origin: new URL(config.baseUrl).origin, headers, timeoutMs: Math.min(config.requestTimeoutMs, 10_000) };
  return { openai, http };
}

/** The answer for a photo sent to a model its server lists as text-only: refused, nothing sent. */
function textOnly(modelId: string, model: ModelInfo, server: string): ImageAnalysis {
  return {
    ok: false,
    code: 'model-cannot-see-images',
    error: `Model "${modelId}" cannot see images (${server} lists it as ${model.type ?? 'text-only'}): choose a vision model.`,
    rawAnswer: null,
    durationS: 0,
    timeToFirstTokenS: null,
    tokensPerSecond: null,
    promptTokens: null,
    completionTokens: null,
  };
}
