/**
 * Pure and dependency-free: also imported by the web app and the CLI as `@vision/core/server-kinds`.
 *
 * Each server kind's product name; `openai` is any other OpenAI-compatible server.
 */
export const SERVER_KIND_NAMES = {
  lmstudio: 'LM Studio',
  ollama: 'Ollama',
  llamacpp: 'llama.cpp',
  vllm: 'vLLM',
  openai: 'OpenAI-compatible',
} as const;

/** A host's kind as lists show it (the CLI's `models`, the web app's host panel); an unknown kind as it came. */
export const serverKindName = (kind: string): string => (SERVER_KIND_NAMES as Record<string, string | undefined>)[kind] ?? kind;
