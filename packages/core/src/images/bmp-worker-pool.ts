import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ItemErrorCode } from '../schemas/error-codes';
import type { DecodedBmp } from './bmp-decode';
import { ImageError } from './image-error';

/** A message to a BMP worker: the file to decode. */
export interface BmpTask {
  id: number;
  path: string;
}

export type BmpTaskAnswer =
  | { id: number; ok: true; width: number; height: number; channels: 3 | 4; pixels: ArrayBuffer }
  | { id: number; ok: false; imageError: true; message: string; code: ItemErrorCode }
  | { id: number; ok: false; imageError: false; message: string; code?: string | undefined };

/**
 * bmp-ts decodes synchronously: a 12 MP BMP is close to a second of work, which on the main thread would hold
 * every other request that long. So BMPs are read and decoded in worker threads, a small pool kept for the
 * process's life (a worker takes ~30 ms to start) but unreferenced while idle, so it never keeps the process up.
 */
const POOL_SIZE = Math.max(1, Math.min(2, os.availableParallelism()));

interface PoolWorker {
  worker: Worker;
  busy: boolean;
}

const workers: PoolWorker[] = [];
const waiting: Array<(worker: PoolWorker) => void> = [];
const pending = new Map<number, { resolve: (bmp: DecodedBmp) => void; reject: (error: Error) => void; worker: PoolWorker }>();
let nextId = 0;

/**
 * Where the worker's code is. Run from TypeScript source (tests, development) the worker is started through
 * tsx; in the compiled server, `bmp-worker.js` is emitted next to the bundle this module is part of.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./bmp-worker.js', here));
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./bmp-worker.ts', here).href;
  const bootstrap = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`));
}

function addWorker(): PoolWorker {
  const entry: PoolWorker = { worker: startWorker(), busy: false };
  entry.worker.unref();
  entry.worker.on('message', (answer: BmpTaskAnswer) => settle(entry, answer));
  const fail = (error: Error) => {
    // A worker that died (out of memory, a crash) fails its task and is replaced by the next request.
    const position = workers.indexOf(entry);
    if (position < 0) return;
    workers.splice(position, 1);
    for (const [id, task] of pending) {
      if (task.worker !== entry) continue;
      pending.delete(id);
      task.reject(error);
    }
    const next = waiting.shift();
    if (next) next(addWorker());
  };
  entry.worker.on('error', fail);
  entry.worker.on('exit', (code) => fail(new Error(`the BMP decoding thread stopped (exit code ${code})`)));
  workers.push(entry);
  return entry;
}

function settle(entry: PoolWorker, answer: BmpTaskAnswer): void {
  const task = pending.get(answer.id);
  pending.delete(answer.id);
  release(entry);
  if (!task) return;
  if (answer.ok) {
    task.resolve({ data: Buffer.from(answer.pixels), width: answer.width, height: answer.height, channels: answer.channels });
  } else if (answer.imageError) {
    task.reject(new ImageError(answer.message, { code: answer.code }));
  } else {
    task.reject(Object.assign(new Error(answer.message), { code: answer.code }));
  }
}

function release(entry: PoolWorker): void {
  const next = waiting.shift();
  if (next) return next(entry);
  entry.busy = false;
  entry.worker.unref();
}

async function acquire(): Promise<PoolWorker> {
  const idle = workers.find((entry) => !entry.busy) ?? (workers.length < POOL_SIZE ? addWorker() : undefined);
  const entry = idle ?? (await new Promise<PoolWorker>((resolve) => waiting.push(resolve)));
  entry.busy = true;
  entry.worker.ref();
  return entry;
}

/**
 * Reads and decodes the BMP at `path` in a worker thread (see `decodeBmp` for what it supports). Rejects with an
 * `ImageError` for a corrupt or unsupported file and with the I/O error (its `code` kept) when it cannot be read.
 */
export async function decodeBmpOffThread(path: string): Promise<DecodedBmp> {
  const entry = await acquire();
  const id = nextId++;
  return new Promise<DecodedBmp>((resolve, reject) => {
    pending.set(id, { resolve, reject, worker: entry });
    entry.worker.postMessage({ id, path } satisfies BmpTask);
  });
}
