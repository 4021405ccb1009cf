import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDouble, type InferenceDouble } from '@vision/testkit';
import { startTestServer, type TestServer } from '../testing/server-harness';

describe('INFERENCE_HOSTS with an Ollama and a llama.cpp server', () => {
  let ollama: InferenceDouble;
  let llama: InferenceDouble;
  let server: TestServer;
  beforeAll(async () => {
    ollama = await startDouble('ollama', { labelCorpus: true });
    llama = await startDouble('llamacpp', { labelCorpus: true });
    server = await startTestServer({ env: { INFERENCE_HOSTS: `${ollama.baseUrl},${llama.baseUrl}#parallel=2` } });
  });
  afterAll(async () => {
    await server.close();
    await ollama.close();
    await llama.close();
  });

  it('lists each model once with the server that serves it and what it can do', async () => {
    const models = await server.trpc.models.list.query();
    expect(models.find((model) => model.id === 'qwen2.5vl:3b')).toMatchObject({
      vision: true,
      parallel: 1,
      hosts: [{ baseUrl: ollama.baseUrl, kind: 'ollama' }],
    });
    expect(models.find((model) => model.id === 'gemma-3-4b-it-Q4_K_M.gguf')).toMatchObject({
      vision: true,
      parallel: 2,
      hosts: [{ baseUrl: llama.baseUrl, kind: 'llamacpp' }],
    });
    expect(models.find((model) => model.id === 'qwen3:4b')).toMatchObject({ vision: false });
    // The first LM Studio double of the harness is not one of the hosts.
    expect(models.some((model) => model.id === 'qwen/qwen3-vl-4b')).toBe(false);
  });

  it('GET /api/health lists each server as last seen, asking none of them', async () => {
    await server.trpc.models.list.query();
    await llama.down();
    try {
      // llama.cpp is gone, but liveness asks nobody: it still shows what the last look-up saw.
      const live = (await (await fetch(`${server.url}/api/health`)).json()) as { ok: boolean; hosts: unknown[] };
      expect(live).toEqual({
        ok: true,
        hosts: [
          { baseUrl: ollama.baseUrl, kind: 'ollama', answered: true, inRotation: true, slots: 1 },
          { baseUrl: llama.baseUrl, kind: 'llamacpp', answered: true, inRotation: true, slots: 2 },
        ],
      });
    } finally {
      await llama.up();
    }
  });

  it('GET /api/ready and models.hosts show each server, its kind and slots, and whether it answers', async () => {
    const health = (await (await fetch(`${server.url}/api/ready`)).json()) as {
      inference: { reachable: boolean };
      lmstudio: unknown;
      hosts: unknown[];
    };
    expect(health.inference.reachable).toBe(true);
    // The earlier name of the same figures, kept for monitors written against it.
    expect(health.lmstudio).toEqual(health.inference);
    expect(health.hosts).toEqual([
      expect.objectContaining({ baseUrl: ollama.baseUrl, kind: 'ollama', reachable: true, inRotation: true, slots: 1 }),
      expect.objectContaining({ baseUrl: llama.baseUrl, kind: 'llamacpp', reachable: true, inRotation: true, slots: 2 }),
    ]);
    await llama.down();
    try {
      const [, down] = await server.trpc.models.hosts.query();
      expect(down).toMatchObject({ baseUrl: llama.baseUrl, kind: 'llamacpp', reachable: false });
      expect(down!.error).toBe(
        `Cannot reach llama.cpp at ${llama.baseUrl} (connection refused). Start llama-server or check INFERENCE_HOSTS.`,
      );
    } finally {
      await llama.up();
    }
  });

  it('refuses the Ollama text-only model before anything is sent, naming Ollama', async () => {
    const form = new FormData();
    form.append('model', 'qwen3:4b');
    form.append('images[]', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), 'a.png');
    const response = await fetch(`${server.url}/api/batches`, { method: 'POST', body: form });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; code: string };
    expect(body.code).toBe('model-cannot-see-images');
    expect(body.error).toMatch(/^Model "qwen3:4b" cannot see images \(Ollama lists it as llm\)/);
    expect(ollama.requests).toHaveLength(0);
  });
});
