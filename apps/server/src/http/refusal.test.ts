import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_KINDS, ZErrorCode } from '@vision/core/errors';
import { startTestServer, type TestServer } from '../testing/server-harness';
import { HTTP_STATUS, statusOf } from './refusal';

describe('HTTP status of a refusal', () => {
  it('is decided by the kind of its code, in one table', () => {
    expect(statusOf('no-images')).toBe(400);
    expect(statusOf('upload-too-large')).toBe(413);
    expect(statusOf('batch-not-found')).toBe(404);
    expect(statusOf('batch-still-running')).toBe(409);
    expect(statusOf('inference-unreachable')).toBe(503);
    expect(statusOf('access-token-required')).toBe(401);
    expect(statusOf('storage-full')).toBe(507);
    expect(statusOf('server-stopping')).toBe(503);
    for (const code of ZErrorCode.options) expect(HTTP_STATUS[ERROR_KINDS[code]]).toBeGreaterThanOrEqual(400);
  });
});

describe('refusals over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers an unknown batch 404 with its code, and an unknown export format 400', async () => {
    const missing = await fetch(`${server.url}/api/batches/nope/export?format=csv`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ success: false, code: 'batch-not-found', error: 'No batch with id "nope".' });
    const format = await fetch(`${server.url}/api/batches/nope/export?format=xlsx`);
    expect(format.status).toBe(400);
    expect(await format.json()).toMatchObject({ success: false, code: 'unknown-export-format' });
  });

  it("answers an unknown batch's view and thumbnail, and an unknown comparison's export, 404 with the service's code", async () => {
    const answers = await Promise.all(
      [
        '/api/batches/nope',
        '/api/batches/nope/items/0/thumbnail',
        '/api/batches/nope/items/x/thumbnail',
        '/api/comparisons/nope/export',
      ].map(async (route) => {
        const response = await fetch(`${server.url}${route}`);
        return [response.status, await response.json()];
      }),
    );
    expect(answers).toEqual([
      [404, { success: false, code: 'batch-not-found', error: 'No batch with id "nope".' }],
      [404, { success: false, code: 'thumbnail-not-found', error: 'No thumbnail for this image (yet).' }],
      [404, { success: false, code: 'thumbnail-not-found', error: 'No thumbnail for this image (yet).' }],
      [404, { success: false, code: 'comparison-not-found', error: 'No comparison with id "nope".' }],
    ]);
  });

  it('sends the domain code with a tRPC error, for clients to translate', async () => {
    const response = await fetch(`${server.url}/trpc/batches.get?input=${encodeURIComponent(JSON.stringify({ batchId: 'nope' }))}`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { data: unknown } };
    expect(body.error.data).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, errorCode: 'batch-not-found' });
  });
});
