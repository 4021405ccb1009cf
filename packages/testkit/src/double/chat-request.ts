/** The parts of an OpenAI chat completion request the double acts on, read defensively from any JSON. */
export interface ParsedChatRequest {
  model: string | undefined;
  stream: boolean;
  includeUsage: boolean;
  /** Undefined when absent or -1 (LM Studio's "no limit"). */
  maxTokens: number | undefined;
  responseFormat: { type: unknown; schema: unknown; schemaName: unknown } | undefined;
  /** Every text part of every message, joined by newlines: what prefill pays for. */
  text: string;
  imageUrls: unknown[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseChatRequest(body: unknown): ParsedChatRequest | { error: string } {
  if (!isObject(body)) return { error: 'Request body must be a JSON object.' };
  if (!Array.isArray(body.messages)) return { error: "'messages' field is required" };

  const texts: string[] = [];
  const imageUrls: unknown[] = [];
  for (const message of body.messages) {
    if (!isObject(message)) continue;
    const content = message.content;
    if (typeof content === 'string') texts.push(content);
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      if (!isObject(part)) continue;
      if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
      if (part.type === 'image_url') {
        const imageUrl = part.image_url;
        imageUrls.push(isObject(imageUrl) ? imageUrl.url : imageUrl);
      }
    }
  }

  const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
  const responseFormat = isObject(body.response_format)
    ? {
        type: body.response_format.type,
        schema: isObject(body.response_format.json_schema) ? body.response_format.json_schema.schema : undefined,
        schemaName: isObject(body.response_format.json_schema) ? body.response_format.json_schema.name : undefined,
      }
    : undefined;
  const maxTokens = body.max_tokens ?? body.max_completion_tokens;

  return {
    model: typeof body.model === 'string' ? body.model : undefined,
    stream: body.stream === true,
    includeUsage: streamOptions.include_usage === true,
    maxTokens: typeof maxTokens === 'number' && maxTokens > 0 ? Math.floor(maxTokens) : undefined,
    responseFormat,
    text: texts.join('\n'),
    imageUrls,
  };
}

/** The property a JSON-schema answer should fill: the first required one, else the first declared. */
export function answerKeyFromSchema(schema: unknown): string {
  if (!isObject(schema)) return 'entity';
  const required = Array.isArray(schema.required) ? schema.required.find((key) => typeof key === 'string') : undefined;
  if (typeof required === 'string') return required;
  const first = isObject(schema.properties) ? Object.keys(schema.properties)[0] : undefined;
  return first ?? 'entity';
}
