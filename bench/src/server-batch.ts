import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { BatchStats } from '@vision/core';
import { createTestTrpcClient } from '@vision/server/testing';
import type { BenchPhoto } from './photos';

export interface ServerRun {
  /** From the last byte of the upload leaving to the batch-finished event arriving. */
  wallMs: number;
  /** The server's own wall time for the batch (stats.wall_time). */
  serverWallMs: number;
  uploadMs: number;
  /** Date.now() when the upload ended, to line up with the double's request log. */
  uploadEndedAtEpoch: number;
  finishedAtEpoch: number;
  toFirstEventMs: number;
  toFirstResultMs: number;
  stats: BatchStats;
  entities: Array<string | null>;
}

/** Uploads the photos to `POST /api/batches` as a browser would, then follows `batches.onProgress` to the end. */
export async function runThroughServer(url: string, photos: BenchPhoto[], model: string): Promise<ServerRun> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [field(boundary, 'model', model)];
  for (const photo of photos) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="images[]"; filename="${photo.name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      await readFile(photo.path),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(parts);

  const uploadStartedAt = performance.now();
  let uploadEndedAt = 0;
  let uploadEndedAtEpoch = 0;
  const accepted = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${url}/api/batches`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': body.length },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body, () => {
      uploadEndedAt = performance.now();
      uploadEndedAtEpoch = Date.now();
    });
  });
  if (accepted.status !== 202) throw new Error(`POST /api/batches answered ${accepted.status}: ${accepted.text}`);
  const { batchId } = JSON.parse(accepted.text) as { batchId: string };

  const trpc = createTestTrpcClient(url);
  let firstEventAt = 0;
  let firstResultAt = 0;
  const finished = await new Promise<{ at: number; epoch: number; stats: BatchStats }>((resolve, reject) => {
    const subscription = trpc.batches.onProgress.subscribe(
      { batchId },
      {
        onData: ({ data: event }) => {
          const now = performance.now();
          firstEventAt ||= now;
          if (event.type === 'item-finished') firstResultAt ||= now;
          if (event.type === 'batch-finished') {
            subscription.unsubscribe();
            resolve({ at: now, epoch: Date.now(), stats: event.stats });
          }
        },
        onError: reject,
      },
    );
  });
  const view = await trpc.batches.get.query({ batchId });
  return {
    wallMs: finished.at - uploadEndedAt,
    serverWallMs: finished.stats.wall_time * 1000,
    uploadMs: uploadEndedAt - uploadStartedAt,
    uploadEndedAtEpoch,
    finishedAtEpoch: finished.epoch,
    toFirstEventMs: firstEventAt - uploadEndedAt,
    toFirstResultMs: firstResultAt - uploadEndedAt,
    stats: finished.stats,
    entities: view.items.map((item) => item.result?.entity ?? null),
  };
}

function field(boundary: string, name: string, value: string): Buffer {
  return Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
}
