/**
 * Error bodies exactly as LM Studio sends them. They come in two shapes (a bare string, or an OpenAI-style
 * object), and some with HTTP 200: clients must treat any body with an `error` field as a failure.
 */
export interface ErrorReply {
  status: number;
  body: { error: unknown };
}

const reply = (status: number, error: unknown): ErrorReply => ({ status, body: { error } });

export const unexpectedEndpoint = (method: string, path: string): ErrorReply =>
  reply(200, `Unexpected endpoint or method. (${method} ${path})`);

export const missingApiToken = (): ErrorReply =>
  reply(401, {
    type: 'invalid_request',
    code: 'invalid_api_key',
    message:
      "An LM Studio API token is required to make requests to this server, but none was provided using the Authorization header using the 'Bearer' scheme. Provide a valid token.",
  });

export const malformedApiToken = (token: string): ErrorReply =>
  reply(401, {
    type: 'invalid_request',
    code: 'invalid_api_key',
    message: `Malformed LM Studio API token provided: ${token.slice(0, 10)}... Ensure you are using a valid token.`,
  });

export const badResponseFormat = (): ErrorReply => reply(400, "'response_format.type' must be 'json_schema' or 'text'");

export const modelNotFound = (id: string, example: string): ErrorReply =>
  reply(400, {
    message: `Invalid model identifier "${id}". Please specify a valid downloaded model (e.g., ${example}).`,
    type: 'invalid_request_error',
    param: 'model',
    code: 'model_not_found',
  });

export const noModelsLoaded = (): ErrorReply =>
  reply(400, "No models loaded. Please load a model in the developer page or use the 'lms load' command.");

export const imagesNotSupported = (): ErrorReply => reply(400, 'Model does not support images. Please use a model that does.');

/** lmstudio-ai/lms#362: the MLX engine reports this inside a successful HTTP response. */
export const mlxVisionAddonMissing = (): ErrorReply =>
  reply(200, {
    message: 'Error in iterating prediction stream: ValueError: Vision add-on is not loaded, but images were provided for processing',
  });

export const notBase64Image = (): ErrorReply => reply(400, "'url' field must be a base64 encoded image.");

export const MAX_IMAGE_PIXELS = 26_214_400;

/** The exact wording of bug #2003's error is not public; the status and the threshold are. */
export const imageTooLarge = (width: number, height: number): ErrorReply =>
  reply(400, `Image too large: ${width}x${height} (${width * height} pixels) exceeds the maximum of ${MAX_IMAGE_PIXELS} pixels.`);

export const contextOverflow = (): ErrorReply =>
  reply(
    400,
    'The number of tokens to keep from the initial prompt is greater than the context length. Try to load the model with a larger context length, or provide a shorter input',
  );

export const invalidBody = (detail: string): ErrorReply => reply(400, detail);

export const internalError = (): ErrorReply => reply(500, 'Internal server error');
