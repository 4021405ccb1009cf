import { DEFAULT_CONTEXT_LENGTH, effectiveParallel } from './defaults';
import type { DoubleModel, DoubleOptions } from './types';

/** GET /v1/models: every downloaded model (JIT makes them all usable), with nothing about vision. */
export function openAiModelList(options: DoubleOptions) {
  return {
    data: options.models.map((model) => ({ id: model.id, object: 'model', owned_by: 'organization_owner' })),
    object: 'list',
  };
}

/** GET /api/v0/models (0.3.6+): `type: "vlm"` is how this API says a model sees images. */
export function nativeV0ModelList(options: DoubleOptions) {
  return {
    data: options.models.map((model) => ({
      id: model.id,
      object: 'model',
      type: model.type,
      publisher: publisherOf(model),
      arch: model.arch,
      compatibility_type: model.engine === 'mlx' ? 'mlx' : 'gguf',
      quantization: model.quantization,
      state: model.state,
      max_context_length: model.maxContextLength,
    })),
    object: 'list',
  };
}

/** GET /api/v1/models (0.4.0+): vision is `capabilities.vision`; VLMs are plain "llm" here. */
export function nativeV1ModelList(options: DoubleOptions) {
  return { models: options.models.map((model) => nativeV1Model(model, effectiveParallel(options))) };
}

function nativeV1Model(model: DoubleModel, parallel: number) {
  const isEmbedding = model.type === 'embeddings';
  const contextLength = model.contextLength ?? Math.min(DEFAULT_CONTEXT_LENGTH, model.maxContextLength);
  const config = isEmbedding ? { context_length: contextLength } : { context_length: contextLength, parallel };
  return {
    type: isEmbedding ? 'embedding' : 'llm',
    publisher: publisherOf(model),
    key: model.id,
    display_name: model.displayName ?? model.id,
    // The docs: architecture and capabilities are absent for embedding models.
    ...(isEmbedding ? {} : { architecture: model.arch }),
    quantization: { name: model.quantization, bits_per_weight: bitsPerWeight(model.quantization) },
    size_bytes: estimatedSizeBytes(model),
    params_string: model.paramsString ?? null,
    loaded_instances: model.state === 'loaded' ? [{ id: model.id, config }] : [],
    max_context_length: model.maxContextLength,
    format: model.engine === 'mlx' ? 'mlx' : 'gguf',
    ...(isEmbedding ? {} : { capabilities: { vision: model.type === 'vlm', trained_for_tool_use: false }, description: null }),
  };
}

function publisherOf(model: DoubleModel): string {
  return model.publisher ?? (model.id.includes('/') ? (model.id.split('/')[0] ?? 'unknown') : 'lmstudio-community');
}

function bitsPerWeight(quantization: string): number | null {
  const bits = /(\d+)/.exec(quantization)?.[1];
  return bits === undefined ? null : Number(bits);
}

/** A plausible file size (parameters x bits per weight), since clients may show it. */
function estimatedSizeBytes(model: DoubleModel): number {
  const params = /^([\d.]+)([BM])$/i.exec(model.paramsString ?? '');
  const count = params ? Number(params[1]) * (params[2]?.toUpperCase() === 'B' ? 1e9 : 1e6) : 137e6;
  return Math.round((count * (bitsPerWeight(model.quantization) ?? 16)) / 8);
}
