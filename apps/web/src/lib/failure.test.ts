import { TRPCClientError } from '@trpc/client';
import { ZErrorCode, ZItemErrorCode } from '@vision/core/schemas';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages-en';
import { ru } from '../i18n/messages-ru';
import { failureMessage, failureOf, itemFailureMessage } from './failure';
import { UploadError } from './post-form';

const trpcError = (message: string, data: Record<string, unknown> | undefined) =>
  new TRPCClientError(message, data ? { result: { error: { code: -32600, message, data } } } : undefined);

describe('failureOf', () => {
  it("says an upload's refusal by its code in Russian, keeping the server's words as details", () => {
    const failure = failureOf(new UploadError('Too many images: 36 (at most 35).', 400, 'too-many-images'), ru);
    expect(failure).toEqual({ code: 'too-many-images', detail: 'Too many images: 36 (at most 35).' });
    expect(failureMessage(failure, ru)).toBe('Слишком много фотографий для одного пакета.');
  });

  it('says a procedure error by its data.errorCode, and an unreachable server when no answer came back', () => {
    const refused = failureOf(trpcError('Nothing to retry', { errorCode: 'nothing-to-retry', code: 'BAD_REQUEST' }), ru);
    expect(failureMessage(refused, ru)).toBe('Повторять нечего: отклонённые файлы не сохраняются.');
    expect(refused.detail).toBe('Nothing to retry');
    expect(failureOf(trpcError('fetch failed', undefined), en).code).toBe('server-unreachable');
  });

  it("keeps a code it does not know as `unknown`, with the server's text, and reads a bare 413 as too large", () => {
    expect(failureOf(new UploadError('Something new', 400, 'a-code-from-a-newer-server'), en)).toEqual({
      code: 'unknown',
      detail: 'Something new',
    });
    expect(failureOf(new UploadError('HTTP 413 Payload Too Large', 413, null), en).code).toBe('upload-too-large');
    expect(failureOf(new Error('boom'), en)).toEqual({ code: 'unknown', detail: 'boom' });
  });
});

describe('the failure catalogues', () => {
  it('have a message for every code of the contract in both languages, and they differ', () => {
    for (const code of ZErrorCode.options) {
      expect(en.errors.request[code], code).toBeTruthy();
      expect(ru.errors.request[code], code).not.toBe(en.errors.request[code]);
    }
    for (const code of ZItemErrorCode.options) {
      expect(itemFailureMessage(code, en), code).toBeTruthy();
      expect(itemFailureMessage(code, ru), code).not.toBe(itemFailureMessage(code, en));
    }
  });

  it('says a refused file in Russian', () => {
    expect(itemFailureMessage('not-an-image', ru)).toBe('Это не изображение (формат не распознан).');
    expect(itemFailureMessage(null, ru)).toBeNull();
  });
});
