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
  /** Concurrent predictions of the loaded instance (LM Studio 0.4+). */
  parallel: z.number().nullable(),
});
export type ModelInfo = z.infer<typeof ZModelInfo>;
export type TModelInfo = ModelInfo;

export const ZModelList = z.array(ZModelInfo);
