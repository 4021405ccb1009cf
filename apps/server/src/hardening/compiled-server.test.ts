import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDouble, validPhotos, type InferenceDouble } from '@vision/testkit';
import { createTestTrpcClient } from '../testing/server-harness';

const LAUNCHER = fileURLToPath(new URL('../../bin/start.mjs', import.meta.url));

describe('the server started as `pnpm start` starts it', () => {
  let double: InferenceDouble;
  let scratch: string;

  beforeAll(async () => {
    // Gemma says "aeroplane" for the airplane: only WordNet (synonyms) judges that right.
    double = await startDouble('lmstudio', { labelCorpus: true, mistakes: { 'google/gemma-3-4b': { airplane: 'aeroplane' } } });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'vision-compiled-'));
  });
  afterAll(async () => {
    await double.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('serves requests from compiled JavaScript under plain node, with no tsx and no compile cache, BMPs and WordNet included', async () => {
    const tmpdir = path.join(scratch, 'tmp');
    await import('node:fs/promises').then((fs) => fs.mkdir(tmpdir));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(scratch, 'data'),
      LMSTUDIO_BASE_URL: double.baseUrl,
      TMPDIR: tmpdir,
    };
    delete env.NODE_OPTIONS;
    delete env.MALLOC_ARENA_MAX;
    const launcher = spawn(process.execPath, [LAUNCHER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => launcher.once('exit', resolve));
    try {
      await expect.poll(() => /server on (http:\/\/[\d.:]+)/.exec(output)?.[1], { timeout: 20_000, interval: 50 }).toBeTruthy();
      const url = /server on (http:\/\/[\d.:]+)/.exec(output)![1]!;
      expect((await fetch(`${url}/api/health`)).status).toBe(200);

      const [pid] = (await readFile(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8')).trim().split(/\s+/).map(Number);
      const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
      const environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
      expect(cmdline[0]).toBe(process.execPath);
      expect(cmdline).toContain(fileURLToPath(new URL('../../dist/index.js', import.meta.url)));
      expect(cmdline.join(' ')).not.toMatch(/tsx|\.ts\b|--import|--loader/);
      // Nor is anything preloaded through the environment.
      expect(environ.filter((entry) => entry.startsWith('NODE_OPTIONS='))).toEqual([]);
      // The memory settings a process only takes at launch.
      expect(cmdline).toContain('--max-semi-space-size=4');
      expect(environ).toContain('MALLOC_ARENA_MAX=2');
      // tsx leaves its compile cache (`tsx-<uid>`) in TMPDIR; nothing compiled TypeScript here.
      expect(await readdir(tmpdir)).toEqual([]);

      // What only works when the build carries it: the BMP decoding thread's file, and WordNet's data.
      const form = new FormData();
      for (const model of ['qwen/qwen3-vl-4b', 'google/gemma-3-4b']) form.append('models', model);
      form.append('labels', ['filename,label', ...validPhotos().map((photo) => `${path.basename(photo.file)},${photo.label}`)].join('\n'));
      for (const photo of validPhotos()) form.append('images[]', new Blob([await readFile(photo.absolutePath)]), path.basename(photo.file));
      const { comparisonId } = (await (await fetch(`${url}/api/comparisons`, { method: 'POST', body: form })).json()) as {
        comparisonId: string;
      };
      const trpc = createTestTrpcClient(url);
      await expect
        .poll(async () => (await trpc.comparisons.get.query({ comparisonId })).status, { timeout: 30_000, interval: 100 })
        .toBe('completed');
      const view = await trpc.comparisons.get.query({ comparisonId });
      expect(view.models.map((model) => [model.model, model.accuracy])).toEqual([
        ['qwen/qwen3-vl-4b', 1],
        ['google/gemma-3-4b', 1],
      ]);
      expect(double.requests.some((request) => request.model === 'google/gemma-3-4b' && request.answer?.includes('aeroplane'))).toBe(true);
      expect(view.images.find((image) => image.filename === 'bird_8bit_palette.bmp')).toBeTruthy();
    } finally {
      launcher.kill('SIGTERM');
      await exited;
    }
  });
});
