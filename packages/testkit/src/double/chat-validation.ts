import { answerKeyFromSchema, type ParsedChatRequest } from './chat-request';
import type { DoubleState } from './double-state';
import { noModelsLoaded, type ErrorReply } from './errors';
import { dialectOf } from './kinds';
import { inspectImageUrl, visualTokensFor, type ReceivedImage } from './images';
import { composeAnswer, textTokens } from './answers';
import { fieldsAnswer, isFieldsSchema } from './field-answers';
import { DEFAULT_CONTEXT_LENGTH } from './defaults';
import type { AnswerStyle, DoubleModel } from './types';

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

/** The server's checks, in the order LM Studio makes them; the kind's dialect says how each one fails. */
export async function validateChat(state: DoubleState, request: ParsedChatRequest): Promise<ChatValidation> {
  const dialect = dialectOf(state.options.kind);
  const badFormat = dialect.checkResponseFormat(request.responseFormat);
  if (badFormat) return fail(badFormat);

  const model = dialect.resolveModel(state, request.model);
  if (!model) return fail(dialect.modelMissing(state, request.model));
  if (!(await state.ensureLoaded(model))) return fail(noModelsLoaded());

  let imageUrls = request.imageUrls;
  // Ollama drops the images a text-only model cannot take and answers anyway: the entity is made up.
  let dropped = false;
  if (imageUrls.length > 0 && model.type !== 'vlm') {
    const outcome = dialect.textOnlyWithImages(model);
    if (outcome !== 'drop') return fail(outcome);
    imageUrls = [];
    dropped = true;
  }

  const images: ReceivedImage[] = [];
  for (const url of imageUrls) {
    const inspection = await inspectImageUrl(url, dialect.images);
    if (!inspection.ok) return fail(inspection.reply);
    images.push(inspection.image);
  }

  const scheme = model.visualTokens ?? 'qwen';
  const imageTokens = images.map((image) => visualTokensFor(image, scheme, state.options.downscaleTo1024));
  const promptTokens = textTokens(request.text) + imageTokens.reduce((sum, tokens) => sum + tokens, 0);
  const contextLength = model.contextLength ?? Math.min(DEFAULT_CONTEXT_LENGTH, model.maxContextLength);
  if (dialect.contextOverflow && promptTokens > contextLength) return fail(dialect.contextOverflow());

  await state.whenLabelsReady();
  const first = images[0];
  const label = dropped ? madeUpEntity(state) : first ? state.labels.answerFor(first.fingerprint).label : 'nothing';
  const formatType = request.responseFormat?.type;
  const key = formatType === 'json_schema' ? answerKeyFromSchema(request.responseFormat?.schema) : 'entity';
  const said = state.options.mistakes[model.id]?.[label] ?? label;
  const schema = request.responseFormat?.schema;
  const answer =
    formatType === 'json_schema' && isFieldsSchema(schema)
      ? styledFields(state.answerStyleFor(model), fieldsAnswer(schema, said, { outsideList: state.options.outsideList.includes(model.id) }))
      : composeAnswer(state.answerStyleFor(model), said, key);
  return { ok: true, plan: { model, images, imageTokens, promptTokens, label, answer } };
}

/** What a model that never saw the photo says it shows: plausible, confident, and unrelated. */
const MADE_UP = ['person', 'landscape', 'car', 'building', 'tree', 'mountain'];
function madeUpEntity(state: DoubleState): string {
  return MADE_UP[state.requests.length % MADE_UP.length] ?? 'person';
}

/** A fields answer in the model's style: servers hold the JSON's shape, not what surrounds it. */
function styledFields(style: AnswerStyle, json: string): string {
  if (style === 'markdown-json') return `\`\`\`json\n${json}\n\`\`\``;
  if (style === 'think') return `<think>\nLet me look at each field in turn.\n</think>\n\n${json}`;
  return json;
}
