import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../corpus';
import { startDouble, type InferenceDouble } from './server';
import { chatBody, dataUrl, postChat, solidImage } from './test-helpers';

let double: InferenceDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

const control = async (server: { origin: string }, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${server.origin}/__double/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('the /__double control API', () => {
  it('injects and clears faults over HTTP, without needing the API key', async () => {
    double = await startDouble('lmstudio', { apiKey: 'sk-lm-secret' });
    const auth = { headers: { Authorization: 'Bearer sk-lm-secret', 'Content-Type': 'application/json' } };
    const body = chatBody({ images: [dataUrl(await solidImage('#ff0000'))] });

    expect((await control(double, 'POST', 'faults', { kind: 'http-500' })).status).toBe(200);
    expect((await postChat(double, body, auth)).status).toBe(500);
    expect((await postChat(double, body, auth)).status).toBe(500);
    expect(await control(double, 'DELETE', 'faults')).toEqual({ status: 200, body: { ok: true, faults: [] } });
    expect((await postChat(double, body, auth)).status).toBe(200);
  });

  it('refuses an unknown fault kind with 400', async () => {
    double = await startDouble('lmstudio');
    const result = await control(double, 'POST', 'faults', { kind: 'meteor' });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/Invalid fault spec/);
  });

  it('serves the request log and the metrics as JSON', async () => {
    double = await startDouble('lmstudio');
    await postChat(double, chatBody({ images: [dataUrl(await solidImage('#0000ff'))] })).then((r) => r.json());
    const { body: log } = await control(double, 'GET', 'requests');
    expect(log.requests).toEqual([
      expect.objectContaining({ model: 'qwen/qwen3-vl-4b', label: 'blue', status: 200, closedByClient: false }),
    ]);
    const { body: metrics } = await control(double, 'GET', 'metrics');
    expect(metrics).toMatchObject({ completed: 1, inFlight: 0, maxInFlight: 1, promptBusyMs: 0 });
  });

  it('changes options live, e.g. the server version, and refuses options it cannot set', async () => {
    double = await startDouble('lmstudio');
    expect((await fetch(`${double.origin}/api/v1/models`).then((r) => r.json())) as object).toHaveProperty('models');
    expect((await control(double, 'POST', 'options', { serverVersion: 'old' })).status).toBe(200);
    expect(await fetch(`${double.origin}/api/v1/models`).then((r) => r.json())).toEqual({
      error: 'Unexpected endpoint or method. (GET /api/v1/models)',
    });
    const refused = await control(double, 'POST', 'options', { port: 1, flux: true });
    expect(refused).toEqual({ status: 400, body: { error: 'Options that cannot be set over HTTP: port, flux' } });
  });

  it('leaves other /__double/ paths to the LM Studio routes', async () => {
    double = await startDouble('lmstudio');
    expect(await control(double, 'GET', 'nothing-here')).toEqual({
      status: 200,
      body: { error: 'Unexpected endpoint or method. (GET /__double/nothing-here)' },
    });
  });
});

describe('standalone process', () => {
  it('starts from main.ts on the given port with the corpus labelled and prints its base URL', async () => {
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(tsx, [main, '--port', '0', '--parallel', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      const baseUrl = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (text: string) => {
          output += text;
          const match = /listening on (http:\/\/\S+\/v1)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`double exited with ${code}: ${output}`)));
      });
      const origin = new URL(baseUrl).origin;
      const models = (await fetch(`${baseUrl}/models`).then((r) => r.json())) as { data: unknown[] };
      expect(models.data).toHaveLength(4);
      const v1 = (await fetch(`${origin}/api/v1/models`).then((r) => r.json())) as {
        models: Array<{ loaded_instances: Array<{ config: { parallel: number } }> }>;
      };
      expect(v1.models[0]?.loaded_instances[0]?.config.parallel).toBe(2);
      const puppies = await readFile(path.join(CORPUS_DIR, 'valid/puppies.jpg'));
      const chat = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(chatBody({ images: [dataUrl(puppies, 'image/jpeg')] })),
      });
      const answer = (await chat.json()) as { choices: Array<{ message: { content: string } }> };
      expect(answer.choices[0]?.message.content).toBe('{"entity":"dog"}');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
  });

  it('plays another server with --kind: Ollama says so at its root and names the corpus photos', async () => {
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(tsx, [main, '--kind', 'ollama', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      const baseUrl = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (text: string) => {
          output += text;
          const match = /^Ollama double listening on (http:\/\/\S+\/v1)/m.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`double exited with ${code}: ${output}`)));
      });
      expect(await (await fetch(new URL(baseUrl).origin)).text()).toBe('Ollama is running');
      const puppies = await readFile(path.join(CORPUS_DIR, 'valid/puppies.jpg'));
      const chat = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(chatBody({ model: 'qwen2.5vl:3b', images: [dataUrl(puppies, 'image/jpeg')] })),
      });
      expect(((await chat.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe(
        '{"entity":"dog"}',
      );
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    }
  });
});
