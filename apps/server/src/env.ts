import os from 'node:os';
import path from 'node:path';
import { parseHostList, type HostAddress } from '@vision/core';
import { z } from 'zod';
import { parseAllowedHosts, type AllowedHosts } from './security/allowed-hosts';
import { parseAllowedOrigins } from './security/same-origin-writes';
import { LOG_LEVELS, type LogLevel } from './logging/logger';

/** `api` serves HTTP and enqueues, `worker` runs the jobs, `all` does both (one machine, the default). */
export const SERVER_ROLES = ['all', 'api', 'worker'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

// ---------------------------------------------------------------------------------------------------------
// Environment: read and validated once at start; everything else receives the typed config.
// ---------------------------------------------------------------------------------------------------------
const positiveInt = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be above 0`)
    .default(fallback);

/** A comma-separated list read by `parse`, whose error message becomes the variable's. */
const listOf = <T>(parse: (text: string) => T) =>
  z
    .string()
    .default('')
    .transform((text, ctx) => {
      try {
        return parse(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

const ZEnv = z.object({
  PORT: z.coerce
    .number({ error: 'PORT must be a number' })
    .int()
    .min(0, 'PORT must be 0..65535')
    .max(65535, 'PORT must be 0..65535')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LMSTUDIO_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'LMSTUDIO_BASE_URL must be an http(s) URL such as http://localhost:1234/v1' })
    .default('http://localhost:1234/v1'),
  LMSTUDIO_API_KEY: z.string().optional(),
  /** Several servers at once: comma-separated base URLs, each with an optional `#parallel=N`. */
  INFERENCE_HOSTS: z.string().optional(),
  DATA_DIR: z.string().min(1).default(path.join(os.homedir(), '.vision-batch')),
  MAX_IMAGES_PER_BATCH: positiveInt('MAX_IMAGES_PER_BATCH', 35),
  MAX_UPLOAD_MB: positiveInt('MAX_UPLOAD_MB', 100),
  MAX_IMAGE_SIDE: z.coerce
    .number({ error: 'MAX_IMAGE_SIDE must be a number' })
    .int()
    .min(0, 'MAX_IMAGE_SIDE must be 0 (keep) or more')
    .default(1024),
  AUTH_TOKEN: z.string().min(16, 'AUTH_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 16`)').optional(),
  LMSTUDIO_CONCURRENCY: z.coerce
    .number({ error: 'LMSTUDIO_CONCURRENCY must be a number' })
    .int('LMSTUDIO_CONCURRENCY must be a whole number')
    .min(1, 'LMSTUDIO_CONCURRENCY must be 1 or more')
    .max(16, 'LMSTUDIO_CONCURRENCY must be at most 16')
    .optional(),
  ALLOWED_HOSTS: listOf(parseAllowedHosts),
  ALLOWED_ORIGINS: listOf(parseAllowedOrigins),
  REQUEST_TIMEOUT_S: z.coerce
    .number({ error: 'REQUEST_TIMEOUT_S must be a number' })
    .positive('REQUEST_TIMEOUT_S must be above 0')
    .default(120),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, 'DATABASE_URL must be a Postgres URL such as postgres://user:password@db:5432/vision')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/./, 'REDIS_URL must be a Redis URL such as redis://queue:6379')
    .optional(),
  QUEUE_LOCK_S: z.coerce.number({ error: 'QUEUE_LOCK_S must be a number' }).positive('QUEUE_LOCK_S must be above 0').default(30),
  SERVER_ROLE: z.enum(SERVER_ROLES, { error: `SERVER_ROLE must be one of ${SERVER_ROLES.join(', ')}` }).default('all'),
  SHUTDOWN_GRACE_S: z.coerce
    .number({ error: 'SHUTDOWN_GRACE_S must be a number' })
    .min(0, 'SHUTDOWN_GRACE_S must be 0 or more')
    .default(30),
});

export interface ServerConfig {
  port: number;
  host: string;
  /** What every host's requests share (LMSTUDIO_API_KEY, REQUEST_TIMEOUT_S). */
  inference: { apiKey: string | undefined; requestTimeoutMs: number };
  /** The inference servers: INFERENCE_HOSTS, else the one at LMSTUDIO_BASE_URL. */
  hosts: HostAddress[];
  dataDir: string;
  limits: { maxImagesPerBatch: number; maxUploadBytes: number };
  maxImageSide: number;
  /** When set, every API route needs it (required when binding beyond loopback). */
  authToken: string | undefined;
  /** Host names the server answers to beyond its own (localhost, 127.0.0.1, [::1], HOST); 'any' is unsafe. */
  allowedHosts: AllowedHosts;
  /** Origins of other pages that may send writes (uploads, mutations) from a browser. */
  allowedOrigins: string[];
  /** Requests in flight per batch; undefined: LM Studio's parallel slots for the model. */
  concurrency: number | undefined;
  logLevel: LogLevel;
  /** Postgres for batches, results and events in place of SQLite in DATA_DIR. */
  databaseUrl: string | undefined;
  /** Redis for the job queue (BullMQ) and the progress shared by every API server. */
  redisUrl: string | undefined;
  role: ServerRole;
  /** How long a worker's hold on an image lasts unrenewed: past it, the image of a dead worker goes to another. */
  queueLockMs: number;
  /** On SIGTERM/SIGINT, how long the requests already at LM Studio may take to finish before the process exits. */
  shutdownGraceMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  const hosts = readHosts(value.INFERENCE_HOSTS, value.LMSTUDIO_BASE_URL);
  if (!isLoopback(value.HOST) && !value.AUTH_TOKEN) {
    throw new ConfigError(
      `Invalid configuration:\n  - HOST=${value.HOST} makes the server reachable from other machines: set AUTH_TOKEN (at least 16 characters) so only people with the token get in, or bind HOST=127.0.0.1.`,
    );
  }
  checkRole(value.SERVER_ROLE, value.DATABASE_URL, value.REDIS_URL);
  return {
    port: value.PORT,
    host: value.HOST,
    inference: {
      apiKey: value.LMSTUDIO_API_KEY,
      requestTimeoutMs: value.REQUEST_TIMEOUT_S * 1000,
    },
    hosts,
    dataDir: path.resolve(value.DATA_DIR),
    limits: { maxImagesPerBatch: value.MAX_IMAGES_PER_BATCH, maxUploadBytes: value.MAX_UPLOAD_MB * 1024 * 1024 },
    maxImageSide: value.MAX_IMAGE_SIDE,
    concurrency: value.LMSTUDIO_CONCURRENCY,
    authToken: value.AUTH_TOKEN,
    allowedHosts: value.ALLOWED_HOSTS,
    allowedOrigins: value.ALLOWED_ORIGINS,
    logLevel: value.LOG_LEVEL,
    shutdownGraceMs: value.SHUTDOWN_GRACE_S * 1000,
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL,
    role: value.SERVER_ROLE,
    queueLockMs: value.QUEUE_LOCK_S * 1000,
  };
}

/** API servers and workers share their work through Postgres and Redis: a split role without both cannot work. */
function checkRole(role: ServerRole, databaseUrl: string | undefined, redisUrl: string | undefined) {
  if (role === 'all' || (databaseUrl && redisUrl)) return;
  const missing = [databaseUrl ? undefined : 'DATABASE_URL', redisUrl ? undefined : 'REDIS_URL'].filter(Boolean).join(' and ');
  throw new ConfigError(
    `Invalid configuration:\n  - SERVER_ROLE=${role} shares the work with other servers through Postgres and Redis: set ${missing}, or SERVER_ROLE=all for one machine.`,
  );
}

function readHosts(list: string | undefined, singleBaseUrl: string): HostAddress[] {
  if (list === undefined) return [{ baseUrl: singleBaseUrl.replace(/\/+$/, ''), assumedKind: 'lmstudio' }];
  try {
    const hosts = parseHostList(list);
    if (hosts.length === 0) throw new Error('no URL in it');
    return hosts;
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration:\n  - INFERENCE_HOSTS: ${(error as Error).message} (comma-separated base URLs, e.g. http://gpu1:1234/v1,http://gpu2:11434/v1#parallel=2)`,
    );
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
