import type { LabelReference } from './labels';

export type ServerVersion = '0.4' | '0.3' | 'old';
/** Which server the double plays: its routes, model lists, error shapes, image rules and slot defaults. */
export type ServerKind = 'lmstudio' | 'ollama' | 'llamacpp' | 'vllm';
export type ModelType = 'vlm' | 'llm' | 'embeddings';
export type AnswerStyle = 'json' | 'sentence' | 'markdown-json' | 'think' | 'verbose';

export interface DoubleModel {
  id: string;
  type: ModelType;
  state: 'loaded' | 'not-loaded';
  arch: string;
  quantization: string;
  maxContextLength: number;
  /** Context the model is loaded with; llama.cpp refuses prompts longer than this. Default 4096. */
  contextLength?: number;
  engine?: 'llama.cpp' | 'mlx';
  answerStyle?: AnswerStyle;
  /** How images become tokens: 'qwen' one per 32x32 px, 'gemma' always 256. Default 'qwen'. */
  visualTokens?: 'qwen' | 'gemma';
  publisher?: string;
  displayName?: string;
  paramsString?: string;
}

export interface DoubleOptions {
  /** 0 picks a free port. */
  port: number;
  kind: ServerKind;
  /** LM Studio only. */
  serverVersion: ServerVersion;
  /** When set, every LM Studio route needs `Authorization: Bearer <apiKey>`. */
  apiKey: string | undefined;
  /** Just-in-time loading: a request to a not-loaded model loads it instead of failing. */
  jit: boolean;
  jitLoadMs: number;
  models: DoubleModel[];
  /** Per-model answer style, overriding the model's own. */
  answerStyles: Record<string, AnswerStyle>;
  /**
   * What a model says instead of the entity it sees, per model id and entity (`{ 'google/gemma-3-4b': { dog: 'cat' } }`),
   * so that models differ in accuracy in comparison tests.
   */
  mistakes: Record<string, Record<string, string>>;
  /** Model ids that answer a fields schema's closed lists in their own words ("puppy" for dog), as a server that ignores it. */
  outsideList: string[];
  labels: LabelReference[];
  /** Registers every valid corpus photo under its manifest label. */
  labelCorpus: boolean;
  /**
   * Concurrent predictions; undefined means the server's default: LM Studio 4 on 0.4 (else 1), Ollama 1
   * (OLLAMA_NUM_PARALLEL), llama.cpp 4 (auto `--parallel`), vLLM 256 (`max_num_seqs`).
   */
  parallel: number | undefined;
  /** Ollama: requests waiting beyond the slots before it answers 503 "server busy" (OLLAMA_MAX_QUEUE, 512). */
  maxQueue: number;
  /** llama.cpp: the model is still loading for this long after start; every route answers 503 meanwhile. */
  startupLoadMs: number;
  /** LM Studio 0.3.31+ shrinks images to a 1024 px longest edge before the vision encoder. */
  downscaleTo1024: boolean;
  decodeMsPerMB: number;
  visionEncoderMs: number;
  /** Prefill speed; 0 means instant. */
  promptTokensPerSecond: number;
  /** Per-stream generation speed with one stream active; 0 means instant. */
  generationTokensPerSecond: number;
  /** Each extra generating stream slows every stream by this fraction. */
  concurrentSlowdown: number;
}

export type FaultKind =
  | 'http-500'
  | 'no-models-loaded'
  | 'mlx-vision-200'
  | 'context-overflow'
  | 'hang'
  | 'stall'
  | 'reset'
  | 'garbage'
  | 'empty'
  | 'down'
  | 'unload'
  /** Ollama's 503 "server busy" (a full queue). */
  | 'busy'
  /** llama.cpp reloading its model: every route answers 503 "Loading model" for `downForMs` (default 1 s). */
  | 'loading';

export interface FaultSpec {
  kind: FaultKind;
  /** How many requests it applies to; unlimited until cleared when omitted. */
  times?: number;
  /** Only requests for this model id. */
  model?: string;
  /** Delay, counted from the request's arrival, before the fault acts. */
  afterMs?: number;
  /** For 'down': come back up on the same port after this long (otherwise call `up()`); for 'loading': how long. */
  downForMs?: number;
}

export interface LoggedImage {
  /** From the decoded bytes' magic numbers, not from the data URL. */
  mime: string;
  declaredMime: string;
  width: number;
  height: number;
  bytes: number;
  orientation?: number;
}

export interface ChatRequestLogEntry {
  id: string;
  model: string;
  stream: boolean;
  includeUsage: boolean;
  maxTokens: number | undefined;
  responseFormatType: string | undefined;
  /** `response_format.json_schema` as received (its `name` and `schema`), when one was sent. */
  jsonSchema: { name: unknown; schema: unknown } | undefined;
  imageCount: number;
  images: LoggedImage[];
  prompt: string;
  /** The entity the double recognised (label or colour name). */
  label: string | undefined;
  /** The full assistant text the double would generate (before any max_tokens cut). */
  answer: string | undefined;
  promptTokens: number | undefined;
  completionTokens: number | undefined;
  finishReason: 'stop' | 'length' | undefined;
  fault: FaultKind | undefined;
  error: unknown;
  startedAt: number;
  /** When the request's turn in the serialized prompt stage began and ended (epoch ms, like startedAt). */
  promptStartedAt: number | undefined;
  promptEndedAt: number | undefined;
  finishedAt: number | undefined;
  closedByClient: boolean;
  /** HTTP status sent; undefined while pending or when no headers were ever sent. */
  status: number | undefined;
}

export interface DoubleMetrics {
  /** Total simulated time of the serialized prompt stage (decode, vision encoder, prefill), one request at a time. */
  promptBusyMs: number;
  /** Total time the answered requests' generation would take, each with the model to itself. */
  generationMs: number;
  /**
   * The floor no client can beat for the requests served since the last reset: the serialized prompt stage
   * plus the generation that cannot overlap it (all of it with one slot; with more, the shortest answer,
   * generated alone after the last prompt). See `floorMs` in scheduler.ts.
   */
  floorMs: number;
  completed: number;
  failed: number;
  inFlight: number;
  maxInFlight: number;
  queued: number;
  generating: number;
  /** Requests for a model list, on any of the three APIs (`/api/v1/models`, `/api/v0/models`, `/v1/models`). */
  modelListRequests: number;
}
