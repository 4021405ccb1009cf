/**
 * `pnpm --filter @vision/bench bmp-stall`: does preparing large BMPs hold other requests? Two 12 MP BMPs
 * (4000×3000, 24-bit, 36 MB each) go to the real server (its own process, compiled) while `GET /api/health`
 * is asked every 10 ms; prints how long those answers took. Target: none above 150 ms (bmp-ts decodes
 * synchronously; on the main thread one such BMP held every request for ~0.8 s).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { startDouble } from '@vision/testkit';
import { startServerProcess } from './server-process';

const TARGET_MS = 150;
const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
let polling = true;
const latencies = [];
parentPort.once('message', () => (polling = false));
(async () => {
  while (polling) {
    const startedAt = performance.now();
    await (await fetch(workerData.url + '/api/health')).json();
    latencies.push(performance.now() - startedAt);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  parentPort.postMessage(latencies);
})();
`;
const WIDTH = 4000;
const HEIGHT = 3000;

/** A 24-bit bottom-up BMP with a gradient, written directly (fast, and what cameras and scanners export). */
function bmp(seed: number): Buffer {
  const rowBytes = Math.ceil((WIDTH * 3) / 4) * 4;
  const file = Buffer.alloc(54 + rowBytes * HEIGHT);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(WIDTH, 18);
  file.writeInt32LE(HEIGHT, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(rowBytes * HEIGHT, 34);
  for (let y = 0; y < HEIGHT; y++) {
    const row = 54 + y * rowBytes;
    for (let x = 0; x < WIDTH; x++) file.set([(x + seed) & 255, y & 255, (x ^ y) & 255], row + x * 3);
  }
  return file;
}

const double = await startDouble('lmstudio');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-bench-bmp-'));
const server = await startServerProcess({ INFERENCE_HOSTS: double.baseUrl, DATA_DIR: dataDir });
try {
  const form = new FormData();
  form.append('model', 'qwen/qwen3-vl-4b');
  for (const seed of [0, 97]) form.append('images[]', new Blob([bmp(seed)], { type: 'image/bmp' }), `scan-${seed}.bmp`);
  // Warm up: the first request loads modules and starts the decoding threads on first use.
  await fetch(`${server.url}/api/health`);

  // The poller has a thread of its own: building and sending the 72 MB upload would otherwise delay it here.
  const poller = new Worker(POLLER, { eval: true, workerData: { url: server.url } });
  const polled = new Promise<number[]>((resolve) => poller.once('message', resolve));
  const startedAt = performance.now();
  const accepted = (await (await fetch(`${server.url}/api/batches`, { method: 'POST', body: form })).json()) as { batchId: string };
  for (;;) {
    const view = (await (await fetch(`${server.url}/api/batches/${accepted.batchId}`)).json()) as {
      status: string;
      items: Array<{ result: { success: boolean; preparation_time: number | null } | null }>;
    };
    if (view.status === 'completed') {
      poller.postMessage('stop');
      const latencies = await polled;
      await poller.terminate();
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      const preparation = view.items.map((item) => item.result?.preparation_time?.toFixed(2) ?? '-').join(' s, ');
      console.log('| measure | value | target |\n| --- | --- | --- |');
      console.log(`| batch of two 12 MP BMPs, upload to end | ${((performance.now() - startedAt) / 1000).toFixed(2)} s | |`);
      console.log(`| their preparation (decode, resize, encode) | ${preparation} s | |`);
      console.log(`| /api/health answers during the batch | ${latencies.length} | |`);
      console.log(
        `| /api/health median / p99 / longest | ${at(0.5).toFixed(1)} / ${at(0.99).toFixed(1)} / ${sorted.at(-1)!.toFixed(1)} ms | longest < ${TARGET_MS} ms |`,
      );
      console.log(`| all images analysed | ${view.items.every((item) => item.result?.success) ? 'yes' : 'no'} | yes |`);
      console.log(
        `\nTarget ${sorted.at(-1)! < TARGET_MS ? 'met' : 'MISSED'}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores (a loaded machine delays every answer).`,
      );
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
} finally {
  await server.stop();
  await double.close();
  await rm(dataDir, { recursive: true, force: true });
}
