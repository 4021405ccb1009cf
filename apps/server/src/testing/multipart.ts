import http from 'node:http';

export const BOUNDARY = '----hardening-boundary-7d1f';

export interface RawPart {
  /** The Content-Disposition parameters after `form-data; `, written as they are (no escaping). */
  disposition: string;
  contentType?: string;
  data: Uint8Array | string;
}

/** A multipart/form-data body written by hand, for what FormData cannot send (a NUL byte in a file name...). */
export function multipartBody(parts: RawPart[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${part.disposition}${type}\r\n\r\n`, 'latin1'));
    chunks.push(Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const fileHeader = (name: string, boundary = BOUNDARY) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="images[]"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`;

export const fieldPart = (name: string, value: string, boundary = BOUNDARY) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

export interface StreamedUpload {
  /** Bytes the server took from us (written and acknowledged by the socket's drain). */
  sent: number;
  status?: number;
  body?: string;
  error?: string;
}

export interface StreamSegment {
  /** Text (part headers, fields, boundaries) sent as it is. */
  text?: string;
  /** Filler bytes sent in 1 MB writes. */
  bytes?: number;
}

const FILLER = Buffer.alloc(1024 * 1024, 0x5a);

/**
 * Streams a multipart body of any size without holding it in memory, with backpressure, and reports what came
 * back: the answer, or the error that ended the connection. The body is never buffered whole on either side.
 */
export function streamUpload(
  url: string,
  segments: StreamSegment[],
  options: { boundary?: string; route?: string } = {},
): Promise<StreamedUpload> {
  const boundary = options.boundary ?? BOUNDARY;
  return new Promise((resolve) => {
    const outcome: StreamedUpload = { sent: 0 };
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      // Like a real client, stop sending once the answer is in.
      req.destroy();
      resolve(outcome);
    };
    const req = http.request(`${url}${options.route ?? '/api/batches'}`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('response', (res) => {
      outcome.status = res.statusCode;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        outcome.body = body;
        settle();
      });
      res.on('error', () => settle());
    });
    req.on('error', (error) => {
      outcome.error = error.message;
      settle();
    });

    const queue = segments.map((segment) => ({ ...segment }));
    const pump = () => {
      while (!settled) {
        const segment = queue[0];
        if (!segment) {
          req.end();
          return;
        }
        let chunk: Buffer;
        if (segment.text !== undefined) {
          chunk = Buffer.from(segment.text, 'utf8');
          queue.shift();
        } else {
          const size = Math.min(FILLER.length, segment.bytes ?? 0);
          chunk = FILLER.subarray(0, size);
          segment.bytes = (segment.bytes ?? 0) - size;
          if (segment.bytes <= 0) queue.shift();
        }
        const more = req.write(chunk, (error) => {
          if (!error) outcome.sent += chunk.length;
        });
        if (!more) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}
