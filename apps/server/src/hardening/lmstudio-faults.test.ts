import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { solidImage, startDouble, type ColourName, type FaultKind, type InferenceDouble } from '@vision/testkit';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';

async function submit(server: TestServer, colours: ColourName[]): Promise<string> {
  const files = await Promise.all(colours.map(async (colour) => ({ name: `${colour}.png`, data: await solidImage(colour) })));
  const { status, body } = await postBatch(server.url, '/api/batches', batchForm(files, { model: MODEL }));
  expect(status).toBe(202);
  return body.batchId as string;
}

async function finished(server: TestServer, batchId: string) {
  await expect
    .poll(async () => (await server.trpc.batches.get.query({ batchId })).status, { timeout: 15_000, interval: 25 })
    .toBe('completed');
  return server.trpc.batches.get.query({ batchId });
}

async function retryUntilFinished(server: TestServer, batchId: string) {
  await server.trpc.batches.retry.mutate({ batchId });
  return finished(server, batchId);
}

async function expectHealthy(server: TestServer, reachable = true) {
  const response = await fetch(`${server.url}/api/ready`);
  expect(response.status).toBe(reachable ? 200 : 503);
  expect(await response.json()).toMatchObject({ ok: reachable, lmstudio: { reachable } });
}

describe('each LM Studio fault becomes a failed item that a retry recovers', () => {
  let server: TestServer;
  beforeAll(async () => {
    // One request at a time, so the fault meets the first image; a short deadline for hang and stall.
    server = await startTestServer({ env: { REQUEST_TIMEOUT_S: '1', LMSTUDIO_CONCURRENCY: '1' } });
  });
  afterEach(() => server.double.clearFaults());
  afterAll(() => server.close());

  const unreachable = (double: InferenceDouble) =>
    new RegExp(
      `Cannot reach LM Studio at ${double.baseUrl.replace(/[.]/g, '\\.')}.*Start LM Studio's server|LM Studio at ${double.baseUrl.replace(/[.]/g, '\\.')} closed the connection`,
    );

  const cases: Array<{ kind: FaultKind; what: string; error: (double: InferenceDouble) => RegExp }> = [
    { kind: 'http-500', what: 'an HTTP 500', error: () => /^LM Studio: .+ \(HTTP 500\)$/ },
    {
      kind: 'hang',
      what: 'a request that is never answered',
      error: () => /^LM Studio did not finish answering within 1 s \(REQUEST_TIMEOUT_S\)/,
    },
    { kind: 'stall', what: 'a stream that stalls', error: () => /^LM Studio did not finish answering within 1 s \(REQUEST_TIMEOUT_S\)/ },
    { kind: 'reset', what: 'a reset connection', error: unreachable },
    {
      kind: 'mlx-vision-200',
      what: 'an error sent with HTTP 200',
      error: () => /^LM Studio: Error in iterating prediction stream: ValueError: Vision add-on is not loaded/,
    },
    { kind: 'garbage', what: 'a garbage answer', error: () => /^LM Studio sent an unusable answer: .+/ },
    { kind: 'empty', what: 'an empty answer', error: () => /^LM Studio: answered with an empty response$/ },
    {
      kind: 'no-models-loaded',
      what: '"No models loaded"',
      error: () => /^LM Studio: No models loaded\. Please load a model .*'lms load'/,
    },
  ];

  for (const { kind, what, error } of cases) {
    it(`turns ${what} ("${kind}") into one failed item, stays up, and retries it`, async () => {
      server.double.injectFault({ kind, times: 1 });
      const batchId = await submit(server, ['red', 'blue']);
      const view = await finished(server, batchId);
      expect(view.items[0]).toMatchObject({ status: 'error', result: { success: false, entity: null } });
      expect(view.items[0]!.result!.error).toMatch(error(server.double));
      expect(view.items[1]).toMatchObject({ status: 'success', result: { entity: 'blue' } });
      await expectHealthy(server);

      const retried = await retryUntilFinished(server, batchId);
      expect(retried.items.map((item) => item.result?.entity)).toEqual(['red', 'blue']);
      expect(retried.stats).toMatchObject({ successful: 2, failed: 0 });
      expect(await server.leftoverUploads([batchId])).toEqual([]);
    });
  }
});

describe('LM Studio not running when the server starts', () => {
  let double: InferenceDouble;
  let server: TestServer;
  beforeAll(async () => {
    double = await startDouble('lmstudio', { labelCorpus: true });
    await double.down();
    server = await startTestServer({ existingDouble: double });
  });
  afterAll(async () => {
    await server.close();
    await double.close();
  });

  it('takes the batch, fails each item naming the URL, and succeeds on retry once LM Studio is up', async () => {
    await expectHealthy(server, false);
    const batchId = await submit(server, ['red', 'green', 'blue']);
    const view = await finished(server, batchId);
    for (const item of view.items) {
      expect(item.result!.error).toBe(
        `Cannot reach LM Studio at ${double.baseUrl} (connection refused). Start LM Studio's server or set LMSTUDIO_BASE_URL.`,
      );
    }

    await double.up();
    await expectHealthy(server, true);
    const retried = await retryUntilFinished(server, batchId);
    expect(retried.items.map((item) => item.result?.entity)).toEqual(['red', 'green', 'blue']);
    expect(await server.leftoverUploads([batchId])).toEqual([]);
  });
});

describe('LM Studio failing in the middle of a batch', () => {
  let server: TestServer;
  const COLOURS: ColourName[] = ['red', 'green', 'blue', 'yellow'];
  beforeAll(async () => {
    server = await startTestServer({ env: { LMSTUDIO_CONCURRENCY: '1' } });
  });
  afterEach(async () => {
    server.double.clearFaults();
    if (server.double.isDown) await server.double.up();
    await server.double.setOptions({ jit: true, generationTokensPerSecond: 0 });
  });
  afterAll(() => server.close());

  /** About 0.75 s per answer: time enough to act while a given image is with the model, even on a busy machine. */
  const slowAnswers = () => server.double.setOptions({ generationTokensPerSecond: 12 });
  const fastAnswers = () => server.double.setOptions({ generationTokensPerSecond: 0 });

  it('goes down while the third image is with the model: the rest fail, the batch completes, a retry recovers', async () => {
    await slowAnswers();
    const batchId = await submit(server, COLOURS);
    await expect.poll(() => server.double.requests.length, { interval: 5, timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await server.double.down();

    const view = await finished(server, batchId);
    expect(view.items.slice(0, 2).map((item) => item.result?.entity)).toEqual(['red', 'green']);
    for (const item of view.items.slice(2)) {
      expect(item.status).toBe('error');
      expect(item.result!.error).toMatch(
        new RegExp(`(Cannot reach LM Studio|LM Studio) at ${server.double.baseUrl.replace(/[.]/g, '\\.')}`),
      );
    }
    await expectHealthy(server, false);
    expect(await server.leftoverUploads([batchId])).toEqual([]);

    await server.double.up();
    await fastAnswers();
    const retried = await retryUntilFinished(server, batchId);
    expect(retried.items.map((item) => item.result?.entity)).toEqual(COLOURS);
  });

  it('crashes and comes back by itself ("down" fault): the batch completes and a retry recovers the failed items', async () => {
    server.double.clearRequests();
    server.double.injectFault({ kind: 'down', times: 1, downForMs: 300 });
    const batchId = await submit(server, ['red', 'green', 'blue']);
    const view = await finished(server, batchId);
    const failed = view.items.filter((item) => item.status === 'error');
    expect(failed.length).toBeGreaterThan(0);
    for (const item of failed)
      expect(item.result!.error).toMatch(/Cannot reach LM Studio at .*Start LM Studio's server|closed the connection/);

    await expect.poll(() => server.double.isDown, { timeout: 5_000 }).toBe(false);
    await expectHealthy(server, true);
    const retried = await retryUntilFinished(server, batchId);
    expect(retried.items.map((item) => item.result?.entity)).toEqual(['red', 'green', 'blue']);
  });

  it('loses its model mid-batch ("unload"): the rest fail with "No models loaded", a retry after loading recovers', async () => {
    await slowAnswers();
    const batchId = await submit(server, COLOURS);
    // The fault meets the next request: the third, sent while the second is being answered.
    await expect.poll(() => server.double.requests.at(-1)?.label === 'green', { interval: 5, timeout: 10_000 }).toBe(true);
    server.double.injectFault({ kind: 'unload', times: 1 });

    const view = await finished(server, batchId);
    expect(view.items.slice(0, 2).map((item) => item.result?.entity)).toEqual(['red', 'green']);
    for (const item of view.items.slice(2)) {
      expect(item.result!.error).toMatch(
        /^LM Studio: No models loaded\. Please load a model in the developer page or use the 'lms load' command\./,
      );
    }
    await expectHealthy(server, true);

    await server.double.setOptions({ jit: true, generationTokensPerSecond: 0 });
    const retried = await retryUntilFinished(server, batchId);
    expect(retried.items.map((item) => item.result?.entity)).toEqual(COLOURS);
  });
});

describe('a model that LM Studio loads just in time', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LMSTUDIO_CONCURRENCY: '1', REQUEST_TIMEOUT_S: '1' } });
  });
  afterAll(() => server.close());

  const unloadModel = () =>
    server.double.setOptions({
      models: server.double.options.models.map((model) => (model.id === MODEL ? { ...model, state: 'not-loaded' } : model)),
    });
  const modelLoaded = () => server.double.options.models.find((model) => model.id === MODEL)?.state === 'loaded';

  it('waits for a just-in-time model load shorter than REQUEST_TIMEOUT_S', async () => {
    await unloadModel();
    await server.double.setOptions({ jitLoadMs: 300 });
    const batchId = await submit(server, ['red', 'blue']);
    const view = await finished(server, batchId);
    expect(view.items.map((item) => item.result?.entity)).toEqual(['red', 'blue']);
    expect(modelLoaded()).toBe(true);
  });

  it('fails a just-in-time load longer than REQUEST_TIMEOUT_S with a clear timeout, and a retry succeeds once loaded', async () => {
    await unloadModel();
    await server.double.setOptions({ jitLoadMs: 1_500 });
    const batchId = await submit(server, ['red']);
    const view = await finished(server, batchId);
    expect(view.items[0]!.result!.error).toMatch(/^LM Studio did not finish answering within 1 s \(REQUEST_TIMEOUT_S\)/);
    await expectHealthy(server, true);

    await expect.poll(modelLoaded, { timeout: 5_000 }).toBe(true);
    const retried = await retryUntilFinished(server, batchId);
    expect(retried.items[0]!.result?.entity).toBe('red');
  });
});
