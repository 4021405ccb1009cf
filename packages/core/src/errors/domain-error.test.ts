import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, ZErrorCode } from '../schemas';
import { DomainError, notFound } from './index';

describe('DomainError', () => {
  it('carries its code, the kind that code is, and the message', () => {
    const error = new DomainError('batch-still-running', 'The batch is still running.');
    expect(error).toMatchObject({
      name: 'DomainError',
      code: 'batch-still-running',
      kind: 'conflict',
      message: 'The batch is still running.',
    });
    expect(error).toBeInstanceOf(Error);
  });

  it('builds "not found" one way for batches and comparisons', () => {
    expect(notFound('batch', 'b1')).toMatchObject({ code: 'batch-not-found', kind: 'not-found', message: 'No batch with id "b1".' });
    expect(notFound('comparison', 'c1')).toMatchObject({
      code: 'comparison-not-found',
      kind: 'not-found',
      message: 'No comparison with id "c1".',
    });
  });

  it('has a kind for every code of the published list', () => {
    expect(Object.keys(ERROR_KINDS).sort()).toEqual([...ZErrorCode.options].sort());
  });
});
