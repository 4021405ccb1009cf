import { describe, expect, it } from 'vitest';
import { ZItemErrorCode, type ItemErrorCode } from '../schemas';
import { canRunAgain, IMAGE_KEPT_AFTER, retryableIndexes } from './can-run-again';

const failed = (errorCode: ItemErrorCode | null) => ({ status: 'error' as const, result: { errorCode } });

describe('canRunAgain', () => {
  it('says a refused file cannot run again, since it was not kept', () => {
    for (const code of [
      'not-an-image',
      'empty-file',
      'unsupported-format',
      'corrupt-image',
      'image-too-large',
      'file-not-kept',
      'preparation-failed',
    ] as const) {
      expect({ code, again: canRunAgain(failed(code)) }).toEqual({ code, again: false });
    }
  });

  it('says a model failure, a server or pool failure and a cancellation can run again from the image kept', () => {
    const codes = [
      'inference-timeout',
      'inference-unreachable',
      'inference-error',
      'inference-bad-response',
      'no-entity',
      'inference-unavailable',
      'inference-server-error',
      'model-cannot-see-images',
      'model-not-on-any-host',
      'no-host-available',
      'failover-exhausted',
    ] as const;
    for (const code of codes) {
      expect({ code, again: canRunAgain(failed(code)) }).toEqual({ code, again: true });
    }
    expect(canRunAgain({ status: 'cancelled', result: { errorCode: 'cancelled' } })).toBe(true);
    expect(canRunAgain({ status: 'cancelled', result: null })).toBe(true);
  });

  it('never offers an item that succeeded or has not finished, and lets the files decide for a result without a code', () => {
    expect(canRunAgain({ status: 'success', result: { errorCode: null } })).toBe(false);
    expect(canRunAgain({ status: 'queued', result: null })).toBe(false);
    expect(canRunAgain({ status: 'running', result: null })).toBe(false);
    expect(canRunAgain(failed(null))).toBe(true);
  });

  it('decides for every item error code', () => {
    expect(Object.keys(IMAGE_KEPT_AFTER).sort()).toEqual([...ZItemErrorCode.options].sort());
  });
});

describe('retryableIndexes', () => {
  it('lists the indexes of the items the view marks as able to run again', () => {
    expect(
      retryableIndexes([
        { index: 0, retryable: false },
        { index: 1, retryable: true },
        { index: 2, retryable: true },
      ]),
    ).toEqual([1, 2]);
  });
});
