import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { decodeBmp } from './bmp-decode';
import { ImageError } from './image-error';
import type { BmpTask, BmpTaskAnswer } from './bmp-worker-pool';

// The worker thread's side of `decodeBmpOffThread`: reads and decodes one BMP at a time and hands the pixels
// back without copying them (the buffer is transferred).
// Decoding is batch work; answering requests is not. On Linux a priority set with pid 0 applies to the calling
// thread only, so this lowers the decoder alone and the event loop keeps the CPU when both want it (elsewhere it
// may fail or apply to the process: then it is left as it is).
try {
  if (os.platform() === 'linux') os.setPriority(10);
} catch {
  // Not permitted here: decoding simply competes as an equal.
}

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
    answer =
      error instanceof ImageError
        ? { id, ok: false, imageError: true, message: error.reason, code: error.code }
        : {
            id,
            ok: false,
            imageError: false,
            message: error instanceof Error ? error.message : String(error),
            code: (error as { code?: string }).code,
          };
  }
  parentPort!.postMessage(answer);
});
