import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler } from 'express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { appRouter } from '@vision/api-contract';
import {
  createBatchFiles,
  createBatchService,
  createComparisonService,
  createInferencePool,
  createRequestScheduler,
  DEFAULT_MAX_INPUT_PIXELS,
  type BatchRepository,
  type BatchService,
  type ComparisonService,
  type InferencePool,
} from '@vision/core';
import { DomainError } from '@vision/core/errors';
import { createContextFactory } from './context';
import { sendDomainError, sendRefusal } from './http/refusal';
import type { ServerConfig } from './env';
import { createBatchFileRoutes } from './routes/batch-files-routes';
import { createBatchRoutes } from './routes/batch-routes';
import { createComparisonRoutes } from './routes/comparison-routes';
import { hostCheck } from './security/allowed-hosts';
import { createAuth } from './security/auth';
import { securityHeaders } from './security/headers';
import { sameOriginWrites } from './security/same-origin-writes';
import { openSqliteRepository } from './storage/sqlite-repository';
import { createUploadReceiver } from './upload/receive-upload';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppOptions {
  /** Folder of the built web app; served when it exists. */
  webDist?: string;
}

export interface App {
  app: express.Express;
  batches: BatchService;
  comparisons: ComparisonService;
  /** Every inference server (INFERENCE_HOSTS, or the one at LMSTUDIO_BASE_URL); `hostStatus()` for health checks. */
  lmstudio: InferencePool;
  repository: BatchRepository;
  /** Where uploads stream before a batch takes them; emptied at every start. */
  uploadDir: string;
  close(): Promise<void>;
}

/** Builds the Express app and its services without listening, so tests can start it on port 0. */
export async function createApp(config: ServerConfig, options: AppOptions = {}): Promise<App> {
  const uploadDir = path.join(config.dataDir, 'uploads');
  // Anything here belongs to an upload that a previous process never finished receiving.
  await rm(uploadDir, { recursive: true, force: true });
  await mkdir(uploadDir, { recursive: true, mode: 0o700 });
  const repository = await openSqliteRepository(config.dataDir);
  const lmstudio = createInferencePool({ hosts: config.hosts, apiKey: config.lmstudio.apiKey, requestTimeoutMs: config.lmstudio.requestTimeoutMs });
  // One scheduler for the process: every batch's requests share the hosts' slots, a slot is on a host.
  const scheduler = createRequestScheduler({ hosts: lmstudio.schedulerHosts });
  lmstudio.attach(scheduler);
  const batches = createBatchService({
    lmstudio,
    repository,
    files: createBatchFiles(path.join(config.dataDir, 'batches')),
    limits: config.limits,
    prepareOptions: { maxSide: config.maxImageSide, maxPixels: DEFAULT_MAX_INPUT_PIXELS },
    concurrency: config.concurrency,
    scheduler,
  });
  const comparisons = createComparisonService({ batches, repository, lmstudio, limits: config.limits });
  const receiveUpload = createUploadReceiver(config.limits, uploadDir);

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  // Before everything else, /api/health and the web app's files included, with or without AUTH_TOKEN.
  app.use(hostCheck({ configuredHost: config.host, allowedHosts: config.allowedHosts }), sameOriginWrites(config.allowedOrigins));

  // The web app's files are public (it asks for the token itself); everything under /api and /trpc is guarded.
  const auth = createAuth(config.authToken);
  app.use(auth.routes);
  app.use(['/api', '/trpc'], auth.guard);

  app.get('/api/health', async (_req, res) => {
    const { hosts, ...health } = await lmstudio.health();
    // `lmstudio` is the pool as a whole (the one-host form's shape); `hosts` says which server answers.
    res.json({ ok: true, lmstudio: health, hosts });
  });
  app.use(createBatchRoutes({ batches, receiveUpload }));
  app.use(createBatchFileRoutes(batches));
  app.use(createComparisonRoutes({ comparisons, receiveUpload }));
  app.use('/trpc', createExpressMiddleware({ router: appRouter, createContext: createContextFactory({ batches, comparisons, lmstudio }) }));
  app.use('/api', (req, res) => {
    sendRefusal(res, 'endpoint-not-found', `No such endpoint: ${req.method} ${req.originalUrl}`);
  });

  const webDist = options.webDist ?? DEFAULT_WEB_DIST;
  if (existsSync(path.join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: 'index.html', dotfiles: 'ignore' }));
    app.get('/{*splat}', (_req, res) => res.sendFile(path.join(webDist, 'index.html')));
  }

  app.use(errorHandler);
  return {
    app,
    batches,
    comparisons,
    lmstudio,
    repository,
    uploadDir,
    close: async () => {
      await batches.idle();
      lmstudio.close();
      await repository.close();
    },
  };
}

const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  // Clients get a message, never a stack; the log keeps the details.
  console.error(`[${req.method} ${req.originalUrl}]`, error);
  if (res.headersSent) return res.end();
  if (error instanceof DomainError) return sendDomainError(res, error);
  // Express's own refusals (a body it cannot parse) carry their status; anything else is ours to hide.
  const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
  if (status >= 500) return sendRefusal(res, 'internal-error', 'Internal server error');
  res.status(status).json({ success: false, error: (error as Error).message, code: 'invalid-request' });
};
