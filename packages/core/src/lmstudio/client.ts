import OpenAI from 'openai';
import { analyzeImage, type AnalyzeImageRequest, type ImageAnalysis } from './analyze-image';
import { describeRequestFailure } from './errors';
import { createLmStudioFetch } from './lmstudio-fetch';
import { listModels, type ModelInfo } from './list-models';

export interface LmStudioConfig {
  /** The OpenAI-compatible base URL, e.g. `http://localhost:1234/v1`. */
  baseUrl: string;
  apiKey?: string | undefined;
  requestTimeoutMs: number;
  /** Bounds each answer: the entity is a few tokens, a runaway model should not hold the GPU. */
  maxTokens?: number;
}

export const DEFAULT_MAX_TOKENS = 256;

export interface LmStudioHealth {
  reachable: boolean;
  baseUrl: string;
  modelCount?: number;
  error?: string;
}

export interface LmStudioClient {
  readonly baseUrl: string;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  analyzeImage(request: AnalyzeImageRequest): Promise<ImageAnalysis>;
  health(): Promise<LmStudioHealth>;
}

export function createLmStudioClient(config: LmStudioConfig): LmStudioClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  const openai = new OpenAI({
    baseURL: baseUrl,
    // LM Studio ignores the key unless its server requires one; the openai package insists on some value.
    apiKey: config.apiKey || 'lm-studio',
    timeout: config.requestTimeoutMs,
    // Retries are the user's decision: a silent retry doubles GPU time on a model that is failing.
    maxRetries: 0,
    fetch: createLmStudioFetch(),
  });
  const headers: Record<string, string> = config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
  const modelDeps = { openai, origin, headers, timeoutMs: Math.min(config.requestTimeoutMs, 10_000) };

  return {
    baseUrl,
    listModels: (signal) => listModels(modelDeps, signal),
    analyzeImage: (request) =>
      analyzeImage(
        { openai, baseUrl, requestTimeoutMs: config.requestTimeoutMs, maxTokens: config.maxTokens ?? DEFAULT_MAX_TOKENS },
        request,
      ),
    async health() {
      try {
        const models = await listModels(modelDeps);
        return { reachable: true, baseUrl, modelCount: models.length };
      } catch (error) {
        const failure = describeRequestFailure(error, { baseUrl, timedOut: false, timeoutS: 0 });
        return { reachable: false, baseUrl, error: failure.message };
      }
    },
  };
}
