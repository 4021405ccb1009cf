import { TRPCError } from '@trpc/server';
import { DomainError, notFound } from '@vision/core/errors';
import type { BatchProgressEvent, LoggedEvent } from '@vision/core';
import { describe, expect, it } from 'vitest';
import type { ApiContext } from './context';
import { appRouter, createCallerFactory } from './index';

const unused = () => Promise.reject(new Error('not used by this test'));

/** A context of plain stand-ins: the procedures are thin, so these are all they talk to. Every id is unknown. */
function context(overrides: { batches?: Partial<ApiContext['batches']>; inference?: Partial<ApiContext['inference']> } = {}): ApiContext {
  return {
    batches: {
      get: (batchId) => Promise.reject(notFound('batch', batchId)),
      list: unused,
      follow: (batchId) => Promise.reject(notFound('batch', batchId)),
      cancel: unused,
      retry: unused,
      delete: unused,
      ...overrides.batches,
    },
    comparisons: {
      get: (comparisonId) => Promise.reject(notFound('comparison', comparisonId)),
      list: unused,
      setLabels: unused,
      cancel: unused,
      delete: (comparisonId) => Promise.reject(notFound('comparison', comparisonId)),
    },
    reviews: { queue: unused, decide: unused, undo: unused, acceptAgreed: unused },
    inference: { baseUrl: 'http://127.0.0.1:1/v1', listModels: async () => [], hostStatus: async () => [], ...overrides.inference },
  };
}

const caller = (ctx: ApiContext) => createCallerFactory(appRouter)(ctx);

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("the contract's error mapping", () => {
  it('turns a missing batch or comparison into NOT_FOUND, with the domain error as its cause', async () => {
    const batch = await rejection(caller(context()).batches.get({ batchId: 'nope' }));
    expect(batch).toMatchObject({ code: 'NOT_FOUND', message: 'No batch with id "nope".' });
    expect(batch.cause).toMatchObject({ code: 'batch-not-found' });
    const comparison = await rejection(caller(context()).comparisons.get({ comparisonId: 'c' }));
    expect(comparison).toMatchObject({ code: 'NOT_FOUND', message: 'No comparison with id "c".' });
  });

  it("refuses deleting an unknown comparison as NOT_FOUND, and one model's batch alone as CONFLICT with its code", async () => {
    const comparison = await rejection(caller(context()).comparisons.delete({ comparisonId: 'c' }));
    expect(comparison).toMatchObject({ code: 'NOT_FOUND', message: 'No comparison with id "c".' });
    const refused = new DomainError('batch-in-comparison', 'Batch "b" is model m\'s run in comparison "c": delete the comparison.');
    const batch = await rejection(caller(context({ batches: { delete: () => Promise.reject(refused) } })).batches.delete({ batchId: 'b' }));
    expect(batch).toMatchObject({ code: 'CONFLICT', message: refused.message });
    expect(batch.cause).toMatchObject({ code: 'batch-in-comparison' });
  });

  it('maps each kind of domain error to its tRPC code', async () => {
    const cases: Array<[DomainError, TRPCError['code']]> = [
      [new DomainError('batch-still-running', 'still running'), 'CONFLICT'],
      [new DomainError('nothing-to-retry', 'nothing'), 'BAD_REQUEST'],
      [notFound('batch', 'b'), 'NOT_FOUND'],
      [new DomainError('upload-too-large', 'too large'), 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [domainError, code] of cases) {
      const error = await rejection(
        caller(context({ batches: { retry: () => Promise.reject(domainError) } })).batches.retry({ batchId: 'b' }),
      );
      expect(error).toMatchObject({ code, message: domainError.message });
    }
  });

  it('answers SERVICE_UNAVAILABLE with a typed code when the models cannot be listed', async () => {
    const refused = new DomainError('inference-auth-refused', 'LM Studio refused the API key: bad token');
    const error = await rejection(caller(context({ inference: { listModels: () => Promise.reject(refused) } })).models.list());
    expect(error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/Cannot list models from http.*refused the API key/),
    });
    expect(error.cause).toMatchObject({ code: 'inference-auth-refused' });
    const unreachable = await rejection(
      caller(context({ inference: { listModels: () => Promise.reject(new TypeError('fetch failed')) } })).models.list(),
    );
    expect(unreachable.cause).toMatchObject({ code: 'inference-unreachable' });
  });
});

describe('batches.onProgress', () => {
  const follow = (events: unknown[]) => async () =>
    (async function* () {
      for (const [at, event] of events.entries()) yield { id: at + 1, event } as LoggedEvent;
    })();

  async function collect(ctx: ApiContext): Promise<unknown[]> {
    const received: unknown[] = [];
    for await (const tracked of await caller(ctx).batches.onProgress({ batchId: 'b1' })) received.push(tracked);
    return received;
  }

  it('checks every event against its schema as it leaves: a result stored before error codes gets errorCode null', async () => {
    const { errorCode: _code, ...storedBeforeCodes } = {
      filename: 'a.jpg',
      index: 0,
      entity: null,
      raw_answer: null,
      processing_time: 0.1,
      success: false,
      error: 'a.jpg: empty file',
      errorCode: null,
      tokens_per_second: null,
      time_to_first_token: null,
      prompt_tokens: null,
      completion_tokens: null,
      queue_time: null,
      preparation_time: 0,
      generation_time: null,
    };
    const received = await collect(
      context({ batches: { follow: follow([{ type: 'item-finished', batchId: 'b1', result: storedBeforeCodes }]) } }),
    );
    const [first] = received as Array<[string, BatchProgressEvent]>;
    expect(first?.[1]).toMatchObject({ type: 'item-finished', result: { error: 'a.jpg: empty file', errorCode: null } });
  });

  it('refuses to send an event that breaks the contract', async () => {
    const broken = { type: 'item-finished', batchId: 'b1', result: { filename: 'a.jpg' } };
    await expect(collect(context({ batches: { follow: follow([broken]) } }))).rejects.toThrow();
  });
});

describe('a subscription refusal', () => {
  it('reaches the client as NOT_FOUND, not as a server error it would retry', async () => {
    const stream = await caller(context()).batches.onProgress({ batchId: 'nope' });
    const error = await rejection(
      (async () => {
        for await (const _ of stream) return;
      })(),
    );
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No batch with id "nope".' });
  });
});
