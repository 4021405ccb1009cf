/**
 * The server refused an upload as a whole (no images, too many, too large, unknown model) or could not be reached.
 * `code` is the refusal's stable code (`ZErrorCode`, as the server sent it) or the browser's own
 * (`server-unreachable`, `answer-unreadable`); the page says it in the user's language, the message is the details.
 */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/**
 * POSTs a multipart form and resolves with the JSON answer of a 2xx. XMLHttpRequest rather than fetch, because
 * only it reports upload progress, and 100 MB of photos take a moment even to localhost.
 */
export function postForm(url: string, form: FormData, onProgress: (ratio: number) => void): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = (request.response ?? {}) as Record<string, unknown>;
      if (request.status >= 200 && request.status < 300) {
        resolve(body);
        return;
      }
      const message = typeof body.error === 'string' ? body.error : `HTTP ${request.status} ${request.statusText}`.trim();
      reject(new UploadError(message, request.status, typeof body.code === 'string' ? body.code : null));
    };
    request.onerror = () => reject(new UploadError('The server could not be reached. Is it still running?', 0, 'server-unreachable'));
    request.send(form);
  });
}
