import { afterEach, describe, expect, it } from 'vitest';
import { solidImage, startDouble, type InferenceDouble } from '@vision/testkit';
import { CANCELLED } from '../schemas';
import { routerFor } from '../testing/router-for';
import type { HostRouter } from './host-router';

const MODEL = 'qwen/qwen3-vl-4b';
const ONE_AT_A_TIME = { concurrency: 1, serverSlots: 1 };

let doubles: InferenceDouble[] = [];
let routers: HostRouter[] = [];
afterEach(async () => {
  routers.forEach((router) => router.close());
  await Promise.all(doubles.map((double) => double.close()));
  doubles = [];
  routers = [];
});

async function hosts(count: number, options: { parallel?: number } = {}): Promise<InferenceDouble[]> {
  const started = await Promise.all(Array.from({ length: count }, () => startDouble('lmstudio', options)));
  doubles.push(...started);
  return started;
}

async function routerOver(started: InferenceDouble[], recheckMs = 20): Promise<HostRouter> {
  const router = routerFor(
    started.map((double) => double.baseUrl),
    { recheckMs, requestTimeoutMs: 5_000 },
  );
  routers.push(router);
  await router.listModels();
  return router;
}

const redPhoto = async () => ({ model: MODEL, image: { data: await solidImage('red', { format: 'jpeg' }), mime: 'image/jpeg' as const } });
const chats = (double: InferenceDouble) => double.requests.length;

describe('the host router', () => {
  it('sends an image whose host failed to another, which answers it, and takes the failed host out of the rotation', async () => {
    const [failing, healthy] = await hosts(2);
    failing!.injectFault({ kind: 'http-500' });
    // Checked again only after the test: its model list still answers (only its chat fails), which would put it back.
    const router = await routerOver([failing!, healthy!], 60_000);
    let announced = 0;
    const delivery = await router.openLane('b1', ONE_AT_A_TIME, MODEL).send(await redPhoto(), { onSent: () => void announced++ });
    expect(delivery).toMatchObject({ status: 'answered', analysis: { ok: true, entity: 'red', host: healthy!.baseUrl } });
    expect([chats(failing!), chats(healthy!), announced]).toEqual([1, 1, 1]);
    expect(router.knownHosts()[0]).toMatchObject({ baseUrl: failing!.baseUrl, inRotation: false, answered: false });
  });

  it('keeps a host that failed out of the rotation while it cannot be reached, and takes it back once it can', async () => {
    const [leaving, staying] = await hosts(2);
    const router = await routerOver([leaving!, staying!]);
    await leaving!.down();
    const lane = router.openLane('b1', ONE_AT_A_TIME, MODEL);
    expect(await lane.send(await redPhoto())).toMatchObject({ status: 'answered', analysis: { host: staying!.baseUrl } });
    expect(router.knownHosts()[0]!.inRotation).toBe(false);
    await leaving!.up();
    await expect.poll(() => router.knownHosts()[0]!.inRotation).toBe(true);
    expect(await lane.send(await redPhoto())).toMatchObject({ status: 'answered', analysis: { host: leaving!.baseUrl } });
  });

  it('fails an image coded failover-exhausted after six sends to hosts that fail and come back, naming them', async () => {
    const started = await hosts(2);
    // Each answers 500 only after a while, by which time the other is back in the rotation.
    for (const double of started) double.injectFault({ kind: 'http-500', afterMs: 150 });
    const router = await routerOver(started, 5);
    const delivery = await router.openLane('b1', ONE_AT_A_TIME, MODEL).send(await redPhoto());
    expect(delivery).toMatchObject({ status: 'failed', failure: { code: 'failover-exhausted' } });
    expect(started.map(chats).reduce((sum, count) => sum + count, 0)).toBe(6);
    const message = delivery.status === 'failed' ? delivery.failure.message : '';
    expect(message).toMatch(/^Failed on every host tried \(.+\): LM Studio: .*\(HTTP 500\)$/);
    for (const double of started) expect(message).toContain(double.baseUrl);
  });

  it('does not send an image elsewhere with one host: its failure stands, coded where it was seen', async () => {
    const [only] = await hosts(1);
    only!.injectFault({ kind: 'http-500' });
    const router = await routerOver([only!]);
    const delivery = await router.openLane('b1', ONE_AT_A_TIME, MODEL).send(await redPhoto());
    expect(delivery).toMatchObject({ status: 'answered', analysis: { ok: false, code: 'inference-server-error' } });
    expect(chats(only!)).toBe(1);
    expect(router.knownHosts()[0]!.inRotation).toBe(true);
  });

  it('refuses, coded model-not-on-any-host, a model no host lists, sending nothing', async () => {
    const started = await hosts(2);
    const router = await routerOver(started);
    const delivery = await router.openLane('b1', ONE_AT_A_TIME, 'no/such-model').send({ ...(await redPhoto()), model: 'no/such-model' });
    expect(delivery).toMatchObject({ status: 'failed', failure: { code: 'model-not-on-any-host' } });
    expect(started.map(chats)).toEqual([0, 0]);
  });

  describe('an image waiting for its turn', () => {
    /** One host with one slot, held by another batch's hanging request. */
    async function busyHost() {
      const [only] = await hosts(1, { parallel: 1 });
      only!.injectFault({ kind: 'hang', times: 1 });
      const router = await routerOver([only!]);
      const holder = new AbortController();
      const holding = router.openLane('holder', ONE_AT_A_TIME, MODEL).send(await redPhoto(), { signal: holder.signal });
      await expect.poll(() => only!.requests.length).toBe(1);
      return { only: only!, router, release: () => (holder.abort(), holding) };
    }

    it('is left unsent, "halted", when the server starts stopping', async () => {
      const { only, router, release } = await busyHost();
      const halt = new AbortController();
      const waiting = router.openLane('b1', ONE_AT_A_TIME, MODEL).send(await redPhoto(), { halt: halt.signal });
      await expect.poll(() => router.snapshot().waiting.find((lane) => lane.id === 'b1')?.waiting).toBe(1);
      halt.abort();
      expect(await waiting).toEqual({ status: 'halted' });
      expect(await release()).toMatchObject({ status: 'answered', analysis: { ok: false, code: 'cancelled' } });
      expect(chats(only)).toBe(1);
    });

    it('fails, cancelled and unsent, when its batch is cancelled', async () => {
      const { only, router, release } = await busyHost();
      const cancel = new AbortController();
      const waiting = router.openLane('b1', ONE_AT_A_TIME, MODEL).send(await redPhoto(), { signal: cancel.signal });
      await expect.poll(() => router.snapshot().waiting.find((lane) => lane.id === 'b1')?.waiting).toBe(1);
      cancel.abort();
      expect(await waiting).toEqual({ status: 'failed', failure: CANCELLED });
      await release();
      expect(chats(only)).toBe(1);
    });
  });

  it('halts an image between sends: once its host failed, a stopping server sends it nowhere else', async () => {
    const [failing, healthy] = await hosts(2);
    failing!.injectFault({ kind: 'http-500' });
    const router = await routerOver([failing!, healthy!]);
    const halt = new AbortController();
    const delivery = await router
      .openLane('b1', ONE_AT_A_TIME, MODEL)
      .send(await redPhoto(), { halt: halt.signal, onSent: () => halt.abort() });
    expect(delivery).toEqual({ status: 'halted' });
    expect([chats(failing!), chats(healthy!)]).toEqual([1, 0]);
  });

  it('waits out llama.cpp loading its model and Ollama being busy, then answers', async () => {
    const [llama, ollama] = await Promise.all([startDouble('llamacpp'), startDouble('ollama')]);
    doubles.push(llama, ollama);
    const router = await routerOver([llama]);
    llama.injectFault({ kind: 'loading', times: 1, downForMs: 600 });
    const llamaModel = 'gemma-3-4b-it-Q4_K_M.gguf';
    const fromLlama = await router.openLane('b1', ONE_AT_A_TIME, llamaModel).send({ ...(await redPhoto()), model: llamaModel });
    expect(fromLlama).toMatchObject({ status: 'answered', analysis: { ok: true, entity: 'red' } });
    expect(llama.requests.filter((request) => request.status === 503).length).toBeGreaterThanOrEqual(1);

    ollama.injectFault({ kind: 'busy', times: 2 });
    const ollamaModel = 'qwen2.5vl:3b';
    const fromOllama = await (
      await routerOver([ollama])
    )
      .openLane('b2', ONE_AT_A_TIME, ollamaModel)
      .send({ ...(await redPhoto()), model: ollamaModel });
    expect(fromOllama).toMatchObject({ status: 'answered', analysis: { ok: true, entity: 'red' } });
    expect(ollama.requests.map((request) => request.status)).toEqual([503, 503, 200]);
  });

  it('remembers whether each host answered, changing it only on an answer or a refused connection', async () => {
    const [only] = await hosts(1);
    const router = routerFor(only!.baseUrl, { requestTimeoutMs: 300 });
    routers.push(router);
    const lane = router.openLane('b1', ONE_AT_A_TIME, MODEL);
    const answered = () => router.knownHosts()[0]!.answered;
    expect(answered()).toBeNull();
    await router.listModels();
    expect(answered()).toBe(true);
    await only!.down();
    expect(await lane.send(await redPhoto())).toMatchObject({ analysis: { code: 'inference-unreachable' } });
    expect(answered()).toBe(false);
    await only!.up();
    // A timed-out request says nothing about whether the host is there: the last word stands.
    only!.injectFault({ kind: 'hang', times: 1 });
    expect(await lane.send(await redPhoto())).toMatchObject({ analysis: { code: 'inference-timeout' } });
    expect(answered()).toBe(false);
    expect(await lane.send(await redPhoto())).toMatchObject({ analysis: { ok: true } });
    expect(answered()).toBe(true);
  });
});
