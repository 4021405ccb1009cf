import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../../i18n/format';
import { en } from '../../../i18n/messages-en';
import { ru } from '../../../i18n/messages-ru';
import { imageDestination, soleServerKind, whereImagesGo } from './image-destination';

describe('imageDestination', () => {
  it('names LM Studio on this machine when it is the one server and a local one', () => {
    expect(imageDestination([{ baseUrl: 'http://localhost:1234/v1', kind: 'lmstudio' }])).toEqual({
      product: 'LM Studio',
      addresses: null,
      count: 1,
    });
  });

  it('names the one kind of a pool and lists where its servers are when any is elsewhere', () => {
    const hosts = [
      { baseUrl: 'http://127.0.0.1:11434/v1', kind: 'ollama' },
      { baseUrl: 'http://gpu2:11434/v1', kind: 'ollama' },
    ];
    expect(imageDestination(hosts)).toEqual({ product: 'Ollama', addresses: ['127.0.0.1:11434', 'gpu2:11434'], count: 2 });
  });

  it('names no product when the servers are of several kinds or one has not said what it is', () => {
    const mixed = [
      { baseUrl: 'http://gpu1:1234/v1', kind: 'lmstudio' },
      { baseUrl: 'http://gpu2:8000/v1', kind: 'vllm' },
    ];
    expect(imageDestination(mixed)?.product).toBeNull();
    const unknown = [
      { baseUrl: 'http://localhost:1234/v1', kind: 'lmstudio' },
      { baseUrl: 'http://[::1]:8080/v1', kind: null },
    ];
    expect(imageDestination(unknown)).toEqual({ product: null, addresses: null, count: 2 });
  });

  it('says nothing before the server has listed its inference servers', () => {
    expect(imageDestination(undefined)).toBeNull();
    expect(imageDestination([])).toBeNull();
  });
});

describe('soleServerKind', () => {
  it('is the kind every server is known to be of, else null', () => {
    const lmStudio = { baseUrl: 'http://gpu1:1234/v1', kind: 'lmstudio' };
    expect(soleServerKind([lmStudio, { ...lmStudio, baseUrl: 'http://gpu2:1234/v1' }])).toBe('lmstudio');
    expect(soleServerKind([lmStudio, { baseUrl: 'http://gpu2:11434/v1', kind: 'ollama' }])).toBeNull();
    expect(soleServerKind([{ ...lmStudio, kind: null }])).toBeNull();
    expect(soleServerKind(undefined)).toBeNull();
  });
});

describe('whereImagesGo', () => {
  const english = createFormatters('en', en.units).list;
  const russian = createFormatters('ru', ru.units).list;
  const lmStudioHere = [{ baseUrl: 'http://localhost:1234/v1', kind: 'lmstudio' }];
  const pool = [
    { baseUrl: 'http://gpu1:1234/v1', kind: 'lmstudio' },
    { baseUrl: 'http://gpu2:11434/v1', kind: 'ollama' },
    { baseUrl: 'http://gpu3:8000/v1', kind: null },
  ];

  it('says LM Studio on this machine only when that is the one server, in English and Russian', () => {
    expect(whereImagesGo(en.app.footer, english, lmStudioHere)).toBe('Images go to LM Studio on this machine only.');
    expect(whereImagesGo(ru.app.footer, russian, lmStudioHere)).toBe('Изображения уходят только в LM Studio на этом компьютере.');
  });

  it('names a pool of several kinds by its servers, not as LM Studio', () => {
    expect(whereImagesGo(en.app.footer, english, pool)).toBe(
      'Images go only to the inference servers at gpu1:1234, gpu2:11434, and gpu3:8000.',
    );
    expect(whereImagesGo(ru.app.footer, russian, pool)).toBe(
      'Изображения уходят только на серверы моделей по адресам gpu1:1234, gpu2:11434 и gpu3:8000.',
    );
  });

  it('names the one kind of a remote server with its address', () => {
    const remote = [{ baseUrl: 'http://gpu1:1234/v1', kind: 'lmstudio' }];
    expect(whereImagesGo(en.app.footer, english, remote)).toBe('Images go only to LM Studio at gpu1:1234.');
    expect(whereImagesGo(ru.app.footer, russian, remote)).toBe('Изображения уходят только в LM Studio по адресу gpu1:1234.');
  });

  it('says the configured servers, naming none, before the server has listed them', () => {
    expect(whereImagesGo(en.app.footer, english, undefined)).toBe('Images go only to the inference servers this app is set up with.');
    expect(whereImagesGo(ru.app.footer, russian, undefined)).not.toMatch(/LM Studio/);
  });
});
