import { answerKeyFromSchema, type ParsedChatRequest } from './chat-request';
import type { DoubleState } from './double-state';
import {
  badResponseFormat,
  contextOverflow,
  imagesNotSupported,
  mlxVisionAddonMissing,
  modelNotFound,
  noModelsLoaded,
  type ErrorReply,
} from './errors';
import { inspectImageUrl, visualTokensFor, type ReceivedImage } from './images';
import { composeAnswer, textTokens } from './answers';
import { DEFAULT_CONTEXT_LENGTH } from './defaults';
import type { DoubleModel } from './types';

export interface ChatPlan {
  model: DoubleModel;
  images: ReceivedImage[];
  /** Visual tokens of each image. */
  imageTokens: number[];
  promptTokens: number;
  /** The recognised entity of the first image (a label, or a colour name); `nothing` without images. */
  label: string;
  answer: string;
}

export type ChatValidation = { ok: true; plan: ChatPlan } | { ok: false; reply: ErrorReply };

const fail = (reply: ErrorReply): ChatValidation => ({ ok: false, reply });

/** LM Studio's checks, in the order it makes them; the first failure is the answer. */
export async function validateChat(state: DoubleState, request: ParsedChatRequest): Promise<ChatValidation> {
  const formatType = request.responseFormat?.type;
  if (request.responseFormat && formatType !== 'json_schema' && formatType !== 'text') return fail(badResponseFormat());

  const model = resolveModel(state, request.model);
  if (!model) {
    const example = state.options.models.find((candidate) => candidate.type !== 'embeddings')?.id ?? 'qwen/qwen3-vl-4b';
    return request.model === undefined ? fail(noModelsLoaded()) : fail(modelNotFound(request.model, example));
  }
  if (!(await state.ensureLoaded(model))) return fail(noModelsLoaded());

  if (request.imageUrls.length > 0 && model.type !== 'vlm') {
    return fail(model.engine === 'mlx' ? mlxVisionAddonMissing() : imagesNotSupported());
  }

  const images: ReceivedImage[] = [];
  for (const url of request.imageUrls) {
    const inspection = await inspectImageUrl(url);
    if (!inspection.ok) return fail(inspection.reply);
    images.push(inspection.image);
  }

  const scheme = model.visualTokens ?? 'qwen';
  const imageTokens = images.map((image) => visualTokensFor(image, scheme, state.options.downscaleTo1024));
  const promptTokens = textTokens(request.text) + imageTokens.reduce((sum, tokens) => sum + tokens, 0);
  if (promptTokens > (model.contextLength ?? Math.min(DEFAULT_CONTEXT_LENGTH, model.maxContextLength))) {
    return fail(contextOverflow());
  }

  await state.whenLabelsReady();
  const first = images[0];
  const label = first ? state.labels.answerFor(first.fingerprint).label : 'nothing';
  const key = formatType === 'json_schema' ? answerKeyFromSchema(request.responseFormat?.schema) : 'entity';
  const said = state.options.mistakes[model.id]?.[label] ?? label;
  const answer = composeAnswer(state.answerStyleFor(model), said, key);
  return { ok: true, plan: { model, images, imageTokens, promptTokens, label, answer } };
}

/**
 * Without a `model` field LM Studio answers with the loaded model. Embedding models cannot chat, so for
 * chat they count as unknown identifiers.
 */
function resolveModel(state: DoubleState, id: string | undefined): DoubleModel | undefined {
  const chatModels = state.options.models.filter((model) => model.type !== 'embeddings');
  if (id === undefined) return chatModels.find((model) => model.state === 'loaded');
  return chatModels.find((model) => model.id === id);
}
