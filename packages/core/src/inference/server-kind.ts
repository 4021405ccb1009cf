import type { ServerNaming } from '../lmstudio';
import { SERVER_KIND_NAMES } from './server-kind-names';

/** The servers the project knows by their answers; `openai` is any other OpenAI-compatible one. */
export type ServerKind = 'lmstudio' | 'ollama' | 'llamacpp' | 'vllm' | 'openai';

export const SERVER_KINDS: readonly ServerKind[] = ['lmstudio', 'ollama', 'llamacpp', 'vllm', 'openai'];

const NAMINGS: Record<ServerKind, ServerNaming> = {
  lmstudio: { name: SERVER_KIND_NAMES.lmstudio, startHint: "Start LM Studio's server or set LMSTUDIO_BASE_URL." },
  ollama: { name: SERVER_KIND_NAMES.ollama, startHint: 'Start Ollama (`ollama serve`) or check INFERENCE_HOSTS.' },
  llamacpp: { name: SERVER_KIND_NAMES.llamacpp, startHint: 'Start llama-server or check INFERENCE_HOSTS.' },
  vllm: { name: SERVER_KIND_NAMES.vllm, startHint: 'Start `vllm serve` or check INFERENCE_HOSTS.' },
  openai: { name: 'the inference server', startHint: 'Start it or check INFERENCE_HOSTS / LMSTUDIO_BASE_URL.' },
};

export const namingOf = (kind: ServerKind | undefined): ServerNaming => NAMINGS[kind ?? 'openai'];

/**
 * Requests a server serves at once when it does not say: Ollama's OLLAMA_NUM_PARALLEL defaults to 1; vLLM batches
 * hundreds but reports nothing, so 8 keeps its GPU busy without queueing a whole batch there; llama.cpp reports
 * its own (4 by default); LM Studio 0.4 reports its own for loaded models, and before 0.4 served one at a time;
 * an unknown server gets 1.
 */
export const DEFAULT_SLOTS: Record<ServerKind, number> = { lmstudio: 1, ollama: 1, llamacpp: 4, vllm: 8, openai: 1 };
