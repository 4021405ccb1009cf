import type { DoubleModel, DoubleOptions, ServerKind } from './types';

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

const base = { state: 'loaded', quantization: 'Q4_K_M', answerStyle: 'json' } as const;

/** What `ollama pull` gives: short tags, two vision models and a text-only one (which Ollama happily sends photos to). */
export const OLLAMA_MODELS: readonly DoubleModel[] = [
  {
    ...base,
    id: 'gemma3:4b',
    type: 'vlm',
    state: 'not-loaded',
    arch: 'gemma3',
    maxContextLength: 131072,
    visualTokens: 'gemma',
    paramsString: '4.3B',
  },
  { ...base, id: 'qwen2.5vl:3b', type: 'vlm', arch: 'qwen25vl', maxContextLength: 128000, visualTokens: 'qwen', paramsString: '3.8B' },
  { ...base, id: 'qwen3:4b', type: 'llm', state: 'not-loaded', arch: 'qwen3', maxContextLength: 40960, paramsString: '4.0B' },
];

/** llama-server serves exactly one model: `-hf ggml-org/gemma-3-4b-it-GGUF` (with its mmproj, so it sees). */
export const LLAMACPP_MODELS: readonly DoubleModel[] = [
  {
    ...base,
    id: 'gemma-3-4b-it-Q4_K_M.gguf',
    type: 'vlm',
    arch: 'gemma3',
    maxContextLength: 131072,
    visualTokens: 'gemma',
    paramsString: '3.88B',
  },
];

/** `vllm serve Qwen/Qwen2.5-VL-3B-Instruct`: one model, named as on Hugging Face. */
export const VLLM_MODELS: readonly DoubleModel[] = [
  {
    ...base,
    id: 'Qwen/Qwen2.5-VL-3B-Instruct',
    type: 'vlm',
    quantization: 'bf16',
    arch: 'qwen2_5_vl',
    maxContextLength: 32768,
    contextLength: 32768,
    visualTokens: 'qwen',
    paramsString: '3.75B',
  },
];

export const MODELS_BY_KIND: Record<ServerKind, readonly DoubleModel[]> = {
  lmstudio: DEFAULT_MODELS,
  ollama: OLLAMA_MODELS,
  llamacpp: LLAMACPP_MODELS,
  vllm: VLLM_MODELS,
};

/** Where each server listens unless told otherwise. */
export const DEFAULT_PORTS: Record<ServerKind, number> = { lmstudio: 1234, ollama: 11434, llamacpp: 8080, vllm: 8000 };

/** Every latency is zero so tests run fast; set the knobs (or a preset) to make timing matter. */
export function defaultOptions(kind: ServerKind = 'lmstudio'): DoubleOptions {
  return {
    port: 0,
    kind,
    serverVersion: '0.4',
    apiKey: undefined,
    jit: true,
    jitLoadMs: 0,
    models: MODELS_BY_KIND[kind].map((model) => ({ ...model })),
    answerStyles: {},
    mistakes: {},
    outsideList: [],
    labels: [],
    labelCorpus: false,
    parallel: undefined,
    maxQueue: 512,
    startupLoadMs: 0,
    // Only LM Studio 0.3.31+ shrinks images itself; the others give the encoder what they receive.
    downscaleTo1024: kind === 'lmstudio',
    decodeMsPerMB: 0,
    visionEncoderMs: 0,
    promptTokensPerSecond: 0,
    generationTokensPerSecond: 0,
    concurrentSlowdown: 0.15,
  };
}

export const DEFAULT_CONTEXT_LENGTH = 4096;

/**
 * Requests served at once. LM Studio's "Max Concurrent Predictions": 4 since 0.4.0, a queue before; Ollama's
 * OLLAMA_NUM_PARALLEL defaults to 1 (since 0.10); llama-server's auto `--parallel` is 4; vLLM batches up to
 * `max_num_seqs` (256) sequences.
 */
export function effectiveParallel(options: DoubleOptions): number {
  const byKind = { lmstudio: options.serverVersion === '0.4' ? 4 : 1, ollama: 1, llamacpp: 4, vllm: 256 };
  return Math.max(1, options.parallel ?? byKind[options.kind]);
}

/** Speeds of 4B Q4_K_M models on common hardware (see lmstudio-api.md, "Speeds"). */
export const LATENCY_PRESETS = {
  none: { decodeMsPerMB: 0, visionEncoderMs: 0, promptTokensPerSecond: 0, generationTokensPerSecond: 0 },
  rtx4090: { decodeMsPerMB: 5, visionEncoderMs: 40, promptTokensPerSecond: 17500, generationTokensPerSecond: 300 },
  rtx3060: { decodeMsPerMB: 8, visionEncoderMs: 120, promptTokensPerSecond: 4000, generationTokensPerSecond: 120 },
  'm-series': { decodeMsPerMB: 10, visionEncoderMs: 800, promptTokensPerSecond: 550, generationTokensPerSecond: 50 },
} satisfies Record<string, Partial<DoubleOptions>>;

export type LatencyPreset = keyof typeof LATENCY_PRESETS;
