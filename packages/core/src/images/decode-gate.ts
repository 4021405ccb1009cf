import os from 'node:os';

/**
 * How many images are decoded at once in this process: one per core. More would not finish sooner (sharp runs
 * each pipeline on libuv's threadpool and the cores are the limit) but each would hold its decode buffers the
 * whole time, and with glibc's allocator every extra thread decoding adds to the memory the process keeps. Fewer
 * at once also means the first image of a batch is ready sooner, so the model starts sooner.
 */
export const DECODE_SLOTS = Math.max(1, os.availableParallelism());

let decoding = 0;
const waiting: Array<() => void> = [];

/** Runs `decode` when a decode slot is free (first come, first served), process-wide. */
export async function withDecodeSlot<T>(decode: () => Promise<T>): Promise<T> {
  if (decoding >= DECODE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else decoding += 1;
  try {
    return await decode();
  } finally {
    // The slot passes straight to the next waiter, so the count only drops when nobody waits.
    const next = waiting.shift();
    if (next) next();
    else decoding -= 1;
  }
}
