import type { ServerKind } from '../types';
import type { Dialect } from './dialect';
import { llamaCppDialect } from './llamacpp';
import { lmStudioDialect } from './lmstudio';
import { ollamaDialect } from './ollama';
import { vllmDialect } from './vllm';

export type { Dialect, HttpReply } from './dialect';

const DIALECTS: Record<ServerKind, Dialect> = {
  lmstudio: lmStudioDialect,
  ollama: ollamaDialect,
  llamacpp: llamaCppDialect,
  vllm: vllmDialect,
};

export const SERVER_KINDS = Object.keys(DIALECTS) as ServerKind[];

export const dialectOf = (kind: ServerKind): Dialect => DIALECTS[kind];
