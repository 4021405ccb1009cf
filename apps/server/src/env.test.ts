import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('binds to 127.0.0.1:3000 and talks to LM Studio on localhost:1234 by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      hosts: [{ baseUrl: 'http://localhost:1234/v1', assumedKind: 'lmstudio' }],
      inference: { apiKey: undefined, requestTimeoutMs: 120_000 },
      limits: { maxImagesPerBatch: 35, maxUploadBytes: 100 * 1024 * 1024 },
      maxImageSide: 1024,
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      AUTH_TOKEN: 'a-long-enough-token',
      LMSTUDIO_BASE_URL: 'http://gpu-box:1234/v1/',
      LMSTUDIO_API_KEY: 'k',
      DATA_DIR: '/tmp/x',
      MAX_IMAGES_PER_BATCH: '10',
      MAX_UPLOAD_MB: '5',
      MAX_IMAGE_SIDE: '0',
      REQUEST_TIMEOUT_S: '2.5',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/tmp/x',
      maxImageSide: 0,
      authToken: 'a-long-enough-token',
      hosts: [{ baseUrl: 'http://gpu-box:1234/v1', assumedKind: 'lmstudio' }],
      inference: { apiKey: 'k', requestTimeoutMs: 2500 },
      limits: { maxImagesPerBatch: 10, maxUploadBytes: 5 * 1024 * 1024 },
    });
  });

  it('logs at info and gives a stopping server 30 s of grace by default; both can be set', () => {
    expect(loadConfig({})).toMatchObject({ logLevel: 'info', shutdownGraceMs: 30_000 });
    expect(loadConfig({ LOG_LEVEL: 'debug', SHUTDOWN_GRACE_S: '2.5' })).toMatchObject({ logLevel: 'debug', shutdownGraceMs: 2500 });
  });

  it('names the levels LOG_LEVEL accepts, and refuses a negative grace', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
    );
    expect(() => loadConfig({ SHUTDOWN_GRACE_S: '-1' })).toThrow(/SHUTDOWN_GRACE_S: SHUTDOWN_GRACE_S must be 0 or more/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', LMSTUDIO_API_KEY: '' })).toMatchObject({ port: 3000, inference: { apiKey: undefined } });
  });

  it('names every invalid variable in one clear error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', LMSTUDIO_BASE_URL: 'localhost:1234', MAX_UPLOAD_MB: '-1', MAX_IMAGE_SIDE: 'big' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: PORT must be a number/);
    expect(attempt).toThrow(/LMSTUDIO_BASE_URL: LMSTUDIO_BASE_URL must be an http\(s\) URL/);
    expect(attempt).toThrow(/MAX_UPLOAD_MB: MAX_UPLOAD_MB must be above 0/);
    expect(attempt).toThrow(/MAX_IMAGE_SIDE/);
  });
});

describe('INFERENCE_HOSTS', () => {
  it('is the one LMSTUDIO_BASE_URL host by default, assumed to be LM Studio until it answers', () => {
    expect(loadConfig({ LMSTUDIO_BASE_URL: 'http://gpu-box:1234/v1/' }).hosts).toEqual([
      { baseUrl: 'http://gpu-box:1234/v1', assumedKind: 'lmstudio' },
    ]);
  });

  it('reads comma-separated base URLs with an optional #parallel=N that is never part of the URL', () => {
    const { hosts } = loadConfig({ INFERENCE_HOSTS: 'http://gpu1:1234/v1, http://gpu2:11434/v1#parallel=2,http://gpu1:1234/v1' });
    expect(hosts).toEqual([
      { baseUrl: 'http://gpu1:1234/v1', parallel: undefined, assumedKind: 'lmstudio' },
      { baseUrl: 'http://gpu2:11434/v1', parallel: 2, assumedKind: 'ollama' },
    ]);
  });

  it('names a bad host in a clear error', () => {
    expect(() => loadConfig({ INFERENCE_HOSTS: 'http://gpu1:1234/v1,gpu2' })).toThrow(/INFERENCE_HOSTS: "gpu2" is not a URL/);
    expect(() => loadConfig({ INFERENCE_HOSTS: 'http://gpu1:8000/v1#parallel=0' })).toThrow(
      /#parallel must be a whole number from 1 to 256/,
    );
  });
});

describe('past one machine: DATABASE_URL, REDIS_URL, SERVER_ROLE', () => {
  it('is one embedded server by default: no Postgres, no Redis, every role', () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: undefined, redisUrl: undefined, role: 'all' });
  });

  it('reads Postgres and Redis URLs and the role', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/vision', REDIS_URL: 'redis://queue:6379', SERVER_ROLE: 'worker' });
    expect(config).toMatchObject({ databaseUrl: 'postgresql://u:p@db:5432/vision', redisUrl: 'redis://queue:6379', role: 'worker' });
  });

  it('names a URL of the wrong kind and an unknown role', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/vision' })).toThrow(/DATABASE_URL: DATABASE_URL must be a Postgres URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://queue:6379' })).toThrow(/REDIS_URL: REDIS_URL must be a Redis URL/);
    expect(() => loadConfig({ SERVER_ROLE: 'gpu' })).toThrow(/SERVER_ROLE: SERVER_ROLE must be one of all, api, worker/);
  });

  it('refuses an api or worker role without both Postgres and Redis, naming what is missing', () => {
    expect(() => loadConfig({ SERVER_ROLE: 'api', DATABASE_URL: 'postgres://db/vision' })).toThrow(/SERVER_ROLE=api .* set REDIS_URL,/);
    expect(() => loadConfig({ SERVER_ROLE: 'worker' })).toThrow(/set DATABASE_URL and REDIS_URL/);
  });
});
