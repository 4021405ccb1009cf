import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler } from 'express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { appRouter } from '@vision/api-contract';
import type { BatchRepository, BatchService, ComparisonService, HostRouter, ReviewService } from '@vision/core';
import { DomainError } from '@vision/core/errors';
import { createServices, type AppServices } from './app-services';
import { createContextFactory } from './context';
import { sendDomainError, sendRefusal, statusOf } from './http/refusal';
import { createLogger, type ServerLogger } from './logging/logger';
import { requestLog } from './logging/request-log';
import type { ServerConfig } from './env';
import { createBatchFileRoutes } from './routes/batch-files-routes';
import { createBatchRoutes } from './routes/batch-routes';
import { createComparisonRoutes } from './routes/comparison-routes';
import { hostCheck } from './security/allowed-hosts';
import { livenessRoute, readinessRoute } from './routes/health-routes';
import { createAuth } from './security/auth';
import { securityHeaders } from './security/headers';
import { sameOriginWrites } from './security/same-origin-writes';
import type { Cluster } from './queue/cluster';
import { createUploadReceiver } from './upload/receive-upload';

type UploadReceiver = ReturnType<typeof createUploadReceiver>;

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppOptions {
  /** Folder of the built web app; served when it exists. */
  webDist?: string;
  /** Where the server's log lines go; by default stdout at LOG_LEVEL. */
  logger?: ServerLogger;
  /** Postgres and Redis shared with other API servers and workers (REDIS_URL): batches run on the queue. */
  cluster?: Cluster;
}

export interface App {
  app: express.Express;
  batches: BatchService;
  comparisons: ComparisonService;
  reviews: ReviewService;
  /** Every inference server (INFERENCE_HOSTS, or the one at LMSTUDIO_BASE_URL); `hostStatus()` for health checks. */
  inference: HostRouter;
  repository: BatchRepository;
  /** Where uploads stream before a batch takes them; emptied at every start. */
  uploadDir: string;
  logger: ServerLogger;
  /**
   * The graceful stop's first step: from now on uploads and other changes are refused (503) and readiness says
   * so; the requests at the inference hosts get up to `graceMs` to finish, then the progress streams end.
   */
  drain(graceMs: number): Promise<{ finished: boolean }>;
  close(): Promise<void>;
}

/** Builds the Express app and its services without listening, so tests can start it on port 0. */
export async function createApp(config: ServerConfig, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const uploadDir = await emptyUploadDir(config, options.cluster);
  const services = await createServices(config, { logger, cluster: options.cluster });
  const { batches, comparisons, reviews, inference, repository, reviewRepository } = services;
  let stopping = false;
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(logger));
  app.use(securityHeaders());
  // Before everything else, /api/health and the web app's files included, with or without AUTH_TOKEN.
  app.use(hostCheck({ configuredHost: config.host, allowedHosts: config.allowedHosts }), sameOriginWrites(config.allowedOrigins));
  // The web app's files are public (it asks for the token itself); everything under /api and /trpc is guarded.
  const auth = createAuth(config.authToken);
  app.use(auth.routes);
  app.use(livenessRoute({ knownHosts: config.authToken ? undefined : () => inference.knownHosts() }));
  app.use(
    ['/api', '/trpc'],
    auth.guard,
    refuseChangesWhile(() => stopping),
  );
  app.use(readinessRoute({ inference, stopping: () => stopping, cluster: options.cluster }));
  app.use(apiRoutes(services, createUploadReceiver(config.limits, uploadDir, { dataDir: config.dataDir })));
  serveWebApp(app, options.webDist ?? DEFAULT_WEB_DIST);
  app.use(errorHandler);
  return {
    app,
    batches,
    comparisons,
    reviews,
    inference,
    repository,
    uploadDir,
    logger,
    drain: (graceMs) => {
      stopping = true;
      return batches.drain(graceMs);
    },
    close: async () => {
      await batches.idle();
      inference.close();
      await repository.close();
      await reviewRepository.close();
    },
  };
}

/** Where uploads stream; anything there belongs to an upload that a previous process never finished receiving. */
async function emptyUploadDir(config: ServerConfig, cluster: Cluster | undefined): Promise<string> {
  // In a cluster the API servers share DATA_DIR: each streams uploads into a folder of its own, and empties only it.
  const uploadDir = path.join(config.dataDir, 'uploads', ...(cluster ? [`${os.hostname()}-${process.pid}`] : []));
  await rm(uploadDir, { recursive: true, force: true });
  await mkdir(uploadDir, { recursive: true, mode: 0o700 });
  return uploadDir;
}

/** Reading goes on (views, exports, progress) while the server stops; nothing new starts. */
function refuseChangesWhile(stopping: () => boolean): express.RequestHandler {
  return (req, res, next) => {
    if (!stopping() || req.method === 'GET' || req.method === 'HEAD') return next();
    res.set({ 'Retry-After': '30', Connection: 'close' });
    sendRefusal(res, 'server-stopping', 'The server is stopping: send this again once it has restarted.');
  };
}

/** The REST routes (uploads, files, exports) and tRPC; any other /api path is answered as unknown. */
function apiRoutes({ batches, comparisons, reviews, models }: AppServices, receiveUpload: UploadReceiver): express.Router {
  const router = express.Router();
  router.use(createBatchRoutes({ batches, receiveUpload }));
  router.use(createBatchFileRoutes(batches, reviews));
  router.use(createComparisonRoutes({ comparisons, reviews, receiveUpload }));
  router.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      createContext: createContextFactory({ batches, comparisons, reviews, inference: models }),
    }),
  );
  router.use('/api', (req, res) => {
    sendRefusal(res, 'endpoint-not-found', `No such endpoint: ${req.method} ${req.originalUrl}`);
  });
  return router;
}

/** The built web app, when there is one; every other path is the app's (it routes by the hash). */
function serveWebApp(app: express.Express, webDist: string): void {
  if (!existsSync(path.join(webDist, 'index.html'))) return;
  app.use(express.static(webDist, { index: 'index.html', dotfiles: 'ignore' }));
  app.get('/{*splat}', (_req, res) => res.sendFile(path.join(webDist, 'index.html')));
}

const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  // Clients get a message, never a stack; the log keeps the details (the request's own line says which request).
  // A disk that fills after the upload was taken (the database, a prepared image) is said as such, not as a 500.
  const full = ['ENOSPC', 'EDQUOT', 'SQLITE_FULL'].includes((error as { code?: string }).code ?? '');
  // Express's own refusals (a body it cannot parse) carry their status; anything else is ours to hide.
  const status =
    error instanceof DomainError
      ? statusOf(error.code)
      : full
        ? statusOf('storage-full')
        : typeof (error as { status?: unknown }).status === 'number'
          ? (error as { status: number }).status
          : 500;
  if (status >= 500) req.log.error({ err: error, reqId: req.id }, 'request failed');
  if (res.headersSent) return res.end();
  if (error instanceof DomainError) return sendDomainError(res, error);
  if (full) return sendRefusal(res, 'storage-full', 'DATA_DIR is full: free some space, or move DATA_DIR to a larger disk.');
  if (status >= 500) return sendRefusal(res, 'internal-error', 'Internal server error');
  res.status(status).json({ success: false, error: (error as Error).message, code: 'invalid-request' });
};
