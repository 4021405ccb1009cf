import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { decodeBmp } from './bmp-decode';
import { ImageError } from './image-error';
import type { BmpTask, BmpTaskAnswer } from './bmp-worker-pool';

// The worker thread's side of `decodeBmpOffThread`: reads and decodes one BMP at a time and hands the pixels
// back without copying them (the buffer is transferred).
parentPort!.on('message', async ({ id, path }: BmpTask) => {
  let answer: BmpTaskAnswer;
  try {
    const { data, width, height, channels } = decodeBmp(await readFile(path));
    // Copied out of Node's shared buffer pool only when the pixels share one (small images), so it can be moved.
    const pixels = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : Buffer.from(data);
    answer = { id, ok: true, width, height, channels, pixels: pixels.buffer as ArrayBuffer };
    parentPort!.postMessage(answer, [answer.pixels]);
    return;
  } catch (error) {
    answer = error instanceof ImageError
      ? { id, ok: false, imageError: true, message: error.reason, code: error.code }
      : { id, ok: false, imageError: false, message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code };
  }
  parentPort!.postMessage(answer);
});
