import { randomBytes } from 'node:crypto';
import type { ErrorReply } from '../errors';
import type { DoubleModel } from '../types';
import { bearerToken, type Dialect } from './dialect';

/** vLLM 0.10.1+'s error shape: the exception's name as `type`, the status as `code`. */
export const vllmError = (status: number, type: string, message: string, param: string | null = null): ErrorReply => ({
  status,
  body: { error: { message, type, param, code: status } },
});

const STARTED = Math.floor(Date.now() / 1000);

/**
 * vLLM (`entrypoints/openai/protocol.py`, `serving_models.py`): nothing in the API says whether a model sees
 * images or how many requests it batches; `json_schema.name` is required; PIL decodes the images; an unknown
 * path is FastAPI's `{"detail":"Not Found"}`.
 */
export const vllmDialect: Dialect = {
  kind: 'vllm',
  label: 'vLLM',
  chatPaths: ['/v1/chat/completions'],
  gate(state, authorization, path) {
    // `--api-key` guards the /v1 routes only.
    const apiKey = state.options.apiKey;
    if (!apiKey || !path.startsWith('/v1')) return undefined;
    return bearerToken(authorization) === apiKey ? undefined : { status: 401, body: { error: 'Unauthorized' } };
  },
  serveInfo(state, route) {
    if (route === 'GET /health') return { status: 200, body: '', contentType: 'text/plain; charset=utf-8' };
    if (route === 'GET /version') return { status: 200, body: { version: '0.10.1.1' } };
    if (route === 'GET /v1/models') return { status: 200, body: { object: 'list', data: state.options.models.map(modelCard) } };
    return undefined;
  },
  unknownPath: () => ({ status: 404, body: { detail: 'Not Found' } }),
  images: {
    accepts: new Set(['jpeg', 'png', 'webp', 'gif', 'bmp']),
    refused: () => vllmError(400, 'BadRequestError', 'Failed to load image: cannot identify image file'),
  },
  checkResponseFormat(format) {
    if (format?.type !== 'json_schema') return undefined;
    if (typeof format.schemaName === 'string') return undefined;
    // Pydantic's validation error, as vLLM passes it on.
    return vllmError(
      400,
      'BadRequestError',
      "[{'type': 'missing', 'loc': ('body', 'response_format', 'json_schema', 'name'), 'msg': 'Field required', 'input': {'schema': {...}}}]",
    );
  },
  resolveModel: (state, id) => state.options.models.find((model) => model.id === id),
  modelMissing: (_state, id) => vllmError(404, 'NotFoundError', `The model \`${id ?? ''}\` does not exist.`, 'model'),
  textOnlyWithImages: (model) => vllmError(400, 'BadRequestError', `${model.id} is not a multimodal model`),
  internalError: () =>
    vllmError(500, 'InternalServerError', 'EngineCore encountered an issue. See stack trace (above) for the root cause.'),
  busy: () => vllmError(500, 'InternalServerError', 'EngineCore encountered an issue. See stack trace (above) for the root cause.'),
  systemFingerprint: () => undefined,
  openingDelta: { role: 'assistant', content: '' },
  contentDelta: (token) => ({ content: token }),
};

function modelCard(model: DoubleModel) {
  return {
    id: model.id,
    object: 'model',
    created: STARTED,
    owned_by: 'vllm',
    root: model.id,
    parent: null,
    max_model_len: model.contextLength ?? model.maxContextLength,
    permission: [
      {
        id: `modelperm-${randomBytes(16).toString('hex')}`,
        object: 'model_permission',
        created: STARTED,
        allow_create_engine: false,
        allow_sampling: true,
        allow_logprobs: true,
        allow_search_indices: false,
        allow_view: true,
        allow_fine_tuning: false,
        organization: '*',
        group: null,
        is_blocking: false,
      },
    ],
  };
}
