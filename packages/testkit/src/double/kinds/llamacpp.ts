import { effectiveParallel } from '../defaults';
import type { DoubleState } from '../double-state';
import type { DoubleModel } from '../types';
import { bearerToken, llamaCppError, llamaCppLoading, type Dialect, type HttpReply } from './dialect';

const BUILD = 'b6490-e0f43d8a';
const STARTED = Math.floor(Date.now() / 1000);

/**
 * llama.cpp's `llama-server` (tools/server README, server-context.cpp, server-common.cpp): one model, whatever
 * the request names; vision and slots in `GET /props`; stb_image decodes the images (no WebP); 503 "Loading
 * model" on every route while the model loads; a text-only model (no mmproj) given an image is a 500.
 */
export const llamaCppDialect: Dialect = {
  kind: 'llamacpp',
  label: 'llama.cpp',
  chatPaths: ['/v1/chat/completions', '/chat/completions'],
  gate(state, authorization, path) {
    if (state.isLoading()) return llamaCppLoading();
    const apiKey = state.options.apiKey;
    // /health and /v1/health stay public, as in the server.
    if (!apiKey || path === '/health' || path === '/v1/health') return undefined;
    return bearerToken(authorization) === apiKey ? undefined : llamaCppError(401, 'Invalid API Key', 'authentication_error');
  },
  serveInfo(state, route) {
    const model = theModel(state);
    switch (route) {
      case 'GET /health':
      case 'GET /v1/health':
        return { status: 200, body: { status: 'ok' } };
      case 'GET /v1/models':
      case 'GET /models':
        return model ? { status: 200, body: modelList(model) } : undefined;
      case 'GET /props':
        return model ? { status: 200, body: props(state, model) } : undefined;
      default:
        return undefined;
    }
  },
  unknownPath: (): HttpReply => llamaCppError(404, 'File Not Found', 'not_found_error'),
  images: {
    // stb_image: JPEG, PNG, BMP, GIF (first frame), TGA, PSD, PNM; not WebP.
    accepts: new Set(['jpeg', 'png', 'bmp', 'gif']),
    refused: () => llamaCppError(400, 'Failed to load image or audio file', 'invalid_request_error'),
  },
  checkResponseFormat(format) {
    const type = format?.type;
    if (format === undefined || type === 'text' || type === 'json_object' || type === 'json_schema') return undefined;
    return llamaCppError(
      400,
      `response_format type must be one of "text" or "json_object", but got: ${String(type)}`,
      'invalid_request_error',
    );
  },
  // The request's `model` is ignored: the server answers with its one model.
  resolveModel: (state) => theModel(state),
  modelMissing: () => llamaCppLoading(),
  textOnlyWithImages: () =>
    llamaCppError(500, 'image input is not supported - hint: if this is unexpected, you may need to provide the mmproj', 'server_error'),
  internalError: () => llamaCppError(500, 'Internal Server Error', 'server_error'),
  busy: () => llamaCppError(500, 'Internal Server Error', 'server_error'),
  systemFingerprint: () => BUILD,
  openingDelta: { role: 'assistant', content: null },
  contentDelta: (token) => ({ content: token }),
};

const theModel = (state: DoubleState): DoubleModel | undefined => state.options.models[0];

function modelList(model: DoubleModel) {
  const capabilities = model.type === 'vlm' ? ['completion', 'multimodal'] : ['completion'];
  return {
    // The Ollama-style list llama-server adds for clients that speak Ollama.
    models: [
      {
        name: model.id,
        model: model.id,
        modified_at: '',
        size: '',
        digest: '',
        type: 'model',
        description: '',
        tags: [''],
        capabilities,
        parameters: '',
        details: { parent_model: '', format: 'gguf', family: '', families: [''], parameter_size: '', quantization_level: '' },
      },
    ],
    object: 'list',
    data: [
      {
        id: model.id,
        object: 'model',
        created: STARTED,
        owned_by: 'llamacpp',
        meta: { vocab_type: 2, n_vocab: 262144, n_ctx_train: model.maxContextLength, n_embd: 2560, n_params: 3880263168, size: 2489757856 },
      },
    ],
  };
}

function props(state: DoubleState, model: DoubleModel) {
  return {
    default_generation_settings: { id: 0, n_ctx: model.contextLength ?? 4096, is_processing: false, params: { temperature: 0.8 } },
    total_slots: effectiveParallel(state.options),
    model_alias: model.id,
    model_path: `/models/${model.id}`,
    modalities: { vision: model.type === 'vlm', audio: false },
    chat_template: '{{ bos_token }}{% for message in messages %}...{% endfor %}',
    bos_token: '<bos>',
    eos_token: '<eos>',
    build_info: BUILD,
  };
}
