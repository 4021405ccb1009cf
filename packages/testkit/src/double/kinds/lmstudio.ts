import {
  badResponseFormat,
  contextOverflow,
  imagesNotSupported,
  internalError,
  malformedApiToken,
  missingApiToken,
  mlxVisionAddonMissing,
  modelNotFound,
  noModelsLoaded,
  notBase64Image,
  unexpectedEndpoint,
} from '../errors';
import type { ImagePolicy } from '../images';
import { nativeV0ModelList, nativeV1ModelList, openAiModelList } from '../model-routes';
import { bearerToken, type Dialect } from './dialect';

/** LM Studio over /v1: PNG and JPEG only (WebP is documented but refused, #1027/#1752). */
const LMSTUDIO_IMAGE_POLICY: ImagePolicy = { accepts: new Set(['png', 'jpeg']), refused: notBase64Image, pixelLimit: true };

/** LM Studio, as lmstudio-api.md describes it: HTTP-200 errors, two error shapes, native model APIs by version. */
export const lmStudioDialect: Dialect = {
  kind: 'lmstudio',
  label: 'LM Studio',
  chatPaths: ['/v1/chat/completions'],
  gate(state, authorization) {
    // Since 0.4.0 a server may require a token; it then refuses every request without the right one.
    const apiKey = state.options.apiKey;
    if (!apiKey) return undefined;
    const token = bearerToken(authorization);
    if (!token) return missingApiToken();
    return token === apiKey ? undefined : malformedApiToken(token);
  },
  serveInfo(state, route) {
    const version = state.options.serverVersion;
    if (route === 'GET /v1/models') return { status: 200, body: openAiModelList(state.options) };
    // The native v0 API arrived in 0.3.6 and v1 in 0.4.0; older servers answer them as unknown paths.
    if (route === 'GET /api/v0/models' && version !== 'old') return { status: 200, body: nativeV0ModelList(state.options) };
    if (route === 'GET /api/v1/models' && version === '0.4') return { status: 200, body: nativeV1ModelList(state.options) };
    return undefined;
  },
  unknownPath: unexpectedEndpoint,
  images: LMSTUDIO_IMAGE_POLICY,
  checkResponseFormat(format) {
    if (format && format.type !== 'json_schema' && format.type !== 'text') return badResponseFormat();
    return undefined;
  },
  resolveModel(state, id) {
    // Without a `model` field LM Studio answers with the loaded model; embedding models cannot chat.
    const chatModels = state.options.models.filter((model) => model.type !== 'embeddings');
    if (id === undefined) return chatModels.find((model) => model.state === 'loaded');
    return chatModels.find((model) => model.id === id);
  },
  modelMissing(state, id) {
    const example = state.options.models.find((candidate) => candidate.type !== 'embeddings')?.id ?? 'qwen/qwen3-vl-4b';
    return id === undefined ? noModelsLoaded() : modelNotFound(id, example);
  },
  textOnlyWithImages: (model) => (model.engine === 'mlx' ? mlxVisionAddonMissing() : imagesNotSupported()),
  contextOverflow,
  internalError,
  busy: internalError,
  systemFingerprint: (model) => model,
  contentDelta: (token) => ({ role: 'assistant', content: token }),
};
