import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';

const MB = 1024 * 1024;
const MODEL = 'qwen/qwen3-vl-4b';

/** A 40 MB tmpfs: a real file system that fills up, without filling the machine's disk. Needs root. */
async function mountSmallDisk(): Promise<{ dir: string; unmount: () => Promise<void> } | { skip: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vision-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=40m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { skip: `cannot mount a tmpfs here (needs root): ${(error as { stderr?: Buffer }).stderr?.toString().trim() || String(error)}` };
  }
  return {
    dir,
    unmount: async () => {
      // Lazily: a handle the database library has not let go of yet must not leave the mount behind.
      execFileSync('umount', ['-l', dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const disk = await mountSmallDisk();
const free = async (dir: string) => {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
};

/** A multipart body of `size` bytes of image data, streamed in chunks and sent without a Content-Length. */
function streamedUpload(size: number): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = 'vision-full-disk-boundary';
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\n${MODEL}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="images[]"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const chunk = new Uint8Array(MB).fill(7);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(head),
    pull: (controller) => {
      if (sent >= size) {
        controller.enqueue(tail);
        controller.close();
        return;
      }
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.skipIf('skip' in disk)(`a DATA_DIR on a nearly full disk${'skip' in disk ? ` (skipped: ${disk.skip})` : ''}`, () => {
  const mount = disk as { dir: string; unmount: () => Promise<void> };
  let server: TestServer;
  let freeAtStart: number;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: mount.dir });
    freeAtStart = await free(mount.dir);
    expect(freeAtStart).toBeLessThan(40 * MB);
  });
  afterAll(async () => {
    await server?.close();
    await mount.unmount();
  });

  it('refuses a 98 MB upload with 507 before writing any of it, saying how much space DATA_DIR has and needs', async () => {
    const half = new Uint8Array(49 * MB).fill(1);
    const response = await fetch(`${server.url}/api/batches`, {
      method: 'POST',
      body: batchForm(
        [
          { name: 'a.png', data: half },
          { name: 'b.png', data: half },
        ],
        { model: MODEL },
      ),
    });
    expect(response.status).toBe(507);
    const body = (await response.json()) as { success: boolean; error: string; code: string };
    expect(body).toMatchObject({ success: false, code: 'storage-full' });
    expect(body.error).toMatch(
      new RegExp(`^DATA_DIR \\(${mount.dir}\\) has too little space for this upload: [\\d.]+ MB free, 11\\d(\\.\\d)? MB needed`),
    );
    expect(await readdir(server.uploadDir)).toEqual([]);
    expect(await free(mount.dir)).toBeGreaterThanOrEqual(freeAtStart - MB);
  });

  it('refuses with 507 an upload of undeclared size that fills the disk while it is written, and removes what was written', async () => {
    const { body, contentType } = streamedUpload(98 * MB);
    const response = await fetch(`${server.url}/api/batches`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(507);
    const answer = (await response.json()) as { success: boolean; error: string };
    expect(answer).toEqual({
      success: false,
      code: 'storage-full',
      error: expect.stringMatching(
        new RegExp(`^DATA_DIR \\(${mount.dir}\\) ran out of space while receiving the upload: [\\d.]+ MB free, [\\d.]+ MB needed`),
      ),
    });
    expect(await readdir(server.uploadDir)).toEqual([]);
    expect(await readdir(path.join(mount.dir, 'batches')).catch(() => [])).toEqual([]);
    expect(await free(mount.dir)).toBeGreaterThanOrEqual(freeAtStart - MB);
  });

  it('runs the next batch as usual', async () => {
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const { status, body } = await postBatch(
      server.url,
      '/api/analyze-batch',
      batchForm([{ name: 'red.png', data: image }], { model: MODEL }),
    );
    expect(status).toBe(200);
    expect(body.stats).toMatchObject({ total_images: 1, successful: 1 });
  });
});
