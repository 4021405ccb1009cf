import type { DoubleModel, LmStudioDoubleOptions } from './types';

export const DEFAULT_MODELS: readonly DoubleModel[] = [
  {
    id: 'qwen/qwen3-vl-4b',
    type: 'vlm',
    state: 'loaded',
    arch: 'qwen3vl',
    quantization: 'Q4_K_M',
    maxContextLength: 262144,
    publisher: 'qwen',
    displayName: 'Qwen3 VL 4B',
    paramsString: '4B',
    visualTokens: 'qwen',
    answerStyle: 'json',
  },
  {
    id: 'google/gemma-3-4b',
    type: 'vlm',
    state: 'not-loaded',
    arch: 'gemma3',
    quantization: 'Q4_K_M',
    maxContextLength: 131072,
    publisher: 'google',
    displayName: 'Gemma 3 4B',
    paramsString: '4B',
    visualTokens: 'gemma',
    answerStyle: 'json',
  },
  {
    id: 'qwen/qwen3-4b',
    type: 'llm',
    state: 'loaded',
    arch: 'qwen3',
    quantization: 'Q4_K_M',
    maxContextLength: 32768,
    publisher: 'qwen',
    displayName: 'Qwen3 4B',
    paramsString: '4B',
    answerStyle: 'json',
  },
  {
    id: 'text-embedding-nomic-embed-text-v1.5',
    type: 'embeddings',
    state: 'not-loaded',
    arch: 'nomic-bert',
    quantization: 'Q4_0',
    maxContextLength: 2048,
    publisher: 'nomic-ai',
    displayName: 'Nomic Embed Text v1.5',
  },
];

/** Every latency is zero so tests run fast; set the knobs (or a preset) to make timing matter. */
export function defaultOptions(): LmStudioDoubleOptions {
  return {
    port: 0,
    serverVersion: '0.4',
    apiKey: undefined,
    jit: true,
    jitLoadMs: 0,
    models: DEFAULT_MODELS.map((model) => ({ ...model })),
    answerStyles: {},
    mistakes: {},
    labels: [],
    labelCorpus: false,
    parallel: undefined,
    downscaleTo1024: true,
    decodeMsPerMB: 0,
    visionEncoderMs: 0,
    promptTokensPerSecond: 0,
    generationTokensPerSecond: 0,
    concurrentSlowdown: 0.15,
  };
}

export const DEFAULT_CONTEXT_LENGTH = 4096;

/** LM Studio's "Max Concurrent Predictions": 4 since 0.4.0, a one-at-a-time queue before. */
export function effectiveParallel(options: LmStudioDoubleOptions): number {
  return Math.max(1, options.parallel ?? (options.serverVersion === '0.4' ? 4 : 1));
}

/** Speeds of 4B Q4_K_M models on common hardware (see lmstudio-api.md, "Speeds"). */
export const LATENCY_PRESETS = {
  none: { decodeMsPerMB: 0, visionEncoderMs: 0, promptTokensPerSecond: 0, generationTokensPerSecond: 0 },
  rtx4090: { decodeMsPerMB: 5, visionEncoderMs: 40, promptTokensPerSecond: 17500, generationTokensPerSecond: 300 },
  rtx3060: { decodeMsPerMB: 8, visionEncoderMs: 120, promptTokensPerSecond: 4000, generationTokensPerSecond: 120 },
  'm-series': { decodeMsPerMB: 10, visionEncoderMs: 800, promptTokensPerSecond: 550, generationTokensPerSecond: 50 },
} satisfies Record<string, Partial<LmStudioDoubleOptions>>;

export type LatencyPreset = keyof typeof LATENCY_PRESETS;
