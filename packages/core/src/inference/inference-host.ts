import OpenAI from 'openai';
import { analyzeImage, DEFAULT_MAX_TOKENS, type AnalyzeImageRequest, type ImageAnalysis } from '../lmstudio/analyze-image';
import { describeRequestFailure } from '../lmstudio/errors';
import { createAnswerCheckingFetch } from '../lmstudio/lmstudio-fetch';
import type { ModelInfo } from '../lmstudio/list-models';
import { withReadableErrors } from './error-bodies';
import type { HostAddress } from './host-url';
import { createModelListCache } from './model-list-cache';
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
  const known = createModelListCache({ openai, http }, config.modelsTtlMs ?? 10_000);
  // Read at each use: a failure is named after the kind known by then.
  const server = () => namingOf(known.kind ?? config.assumedKind);
  const slotsFor = (model?: string): number =>
    config.parallel ?? reportedSlots(known.models(), model) ?? DEFAULT_SLOTS[known.kind ?? 'openai'];

  return {
    baseUrl,
    get kind() {
      return known.kind;
    },
    listModels: known.list,
    cachedModels: known.models,
    slotsFor,
    async analyzeImage(request) {
      const models = await known.forSending(request.model, request.signal);
      const model = models?.find((candidate) => candidate.id === request.model);
      // Ollama answers a text-only model's photo with HTTP 200 and an invented entity: refuse before sending.
      if (model?.vision === false) return textOnly(request.model, model, `${server().name} at ${baseUrl}`);
      const maxTokens = config.maxTokens ?? DEFAULT_MAX_TOKENS;
      return analyzeImage({ openai, baseUrl, requestTimeoutMs: config.requestTimeoutMs, maxTokens, server: server() }, request);
    },
    async health() {
      const kind = known.kind ?? null;
      try {
        const models = await known.list(undefined, 0);
        return { baseUrl, kind: known.kind ?? null, reachable: true, modelCount: models.length, slots: slotsFor() };
      } catch (error) {
        const failure = describeRequestFailure(error, { baseUrl, timedOut: false, timeoutS: 0, server: server() });
        return { baseUrl, kind, reachable: false, slots: slotsFor(), error: failure.message };
      }
    },
    forget: known.forget,
  };
}

/** What the host reports it serves at once: for `model`, else for any model that says. */
function reportedSlots(models: ModelInfo[] | undefined, model: string | undefined): number | null | undefined {
  return models?.find((candidate) => candidate.id === model)?.parallel ?? models?.find((m) => m.parallel !== null)?.parallel;
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
