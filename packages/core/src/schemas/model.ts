import { z } from 'zod';

export const ZModelInfo = z.object({
  id: z.string(),
  /** `null` when the server does not say (older LM Studio, other OpenAI-compatible servers). */
  vision: z.boolean().nullable(),
  loaded: z.boolean().nullable(),
  /** `vlm`, `llm`, `embeddings`... as LM Studio's native API reports it. */
  type: z.string().nullable(),
  quantization: z.string().nullable(),
  maxContextLength: z.number().nullable(),
  /** Concurrent predictions of the loaded instance (LM Studio 0.4+); in a pool, all its hosts' slots together. */
  parallel: z.number().nullable(),
  /** The servers that serve it (INFERENCE_HOSTS) and their kind: `lmstudio`, `ollama`, `llamacpp`, `vllm`, `openai`. */
  hosts: z.array(z.object({ baseUrl: z.string(), kind: z.string().nullable() })).optional(),
});
export type ModelInfo = z.infer<typeof ZModelInfo>;
export type TModelInfo = ModelInfo;

export const ZModelList = z.array(ZModelInfo);

/** One inference server of the pool and whether it answers. */
export const ZHostStatus = z.object({
  baseUrl: z.string(),
  kind: z.string().nullable(),
  reachable: z.boolean(),
  /** Taking requests; false while out of the rotation after failing mid-batch. */
  inRotation: z.boolean(),
  slots: z.number(),
  modelCount: z.number().nullable(),
  error: z.string().nullable(),
});
export type THostStatus = z.infer<typeof ZHostStatus>;
export const ZHostStatusList = z.array(ZHostStatus);
