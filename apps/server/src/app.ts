import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler } from 'express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { appRouter } from '@vision/api-contract';
import { createBatchService, createLmStudioClient, prepareImage, DEFAULT_MAX_INPUT_PIXELS, type BatchService, type LmStudioClient } from '@vision/core';
import { createContextFactory } from './context';
import type { ServerConfig } from './env';
import { createBatchRoutes } from './routes/batch-routes';
import { createUploadReceiver } from './upload/receive-upload';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppOptions {
  /** Folder of the built web app; served when it exists. */
  webDist?: string;
  /** Where uploads are streamed before a batch takes them (a private folder per request is made inside). */
  tmpRoot?: string;
}

export interface App {
  app: express.Express;
  batches: BatchService;
  lmstudio: LmStudioClient;
}

/** Builds the Express app without listening, so tests can start it on port 0. */
export function createApp(config: ServerConfig, options: AppOptions = {}): App {
  const lmstudio = createLmStudioClient(config.lmstudio);
  const batches = createBatchService({
    lmstudio,
    limits: config.limits,
    prepare: (item) => prepareImage(item.path, { maxSide: config.maxImageSide, maxPixels: DEFAULT_MAX_INPUT_PIXELS }),
  });
  const receiveUpload = createUploadReceiver(config.limits, options.tmpRoot);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/api/health', async (_req, res) => {
    const health = await lmstudio.health();
    res.json({ ok: true, lmstudio: health });
  });
  app.use(createBatchRoutes({ batches, receiveUpload }));
  app.use('/trpc', createExpressMiddleware({ router: appRouter, createContext: createContextFactory({ batches, lmstudio }) }));
  app.use('/api', (req, res) => {
    res.status(404).json({ success: false, error: `No such endpoint: ${req.method} ${req.originalUrl}` });
  });

  const webDist = options.webDist ?? DEFAULT_WEB_DIST;
  if (existsSync(path.join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: 'index.html', dotfiles: 'ignore' }));
    app.get('/{*splat}', (_req, res) => res.sendFile(path.join(webDist, 'index.html')));
  }

  app.use(errorHandler);
  return { app, batches, lmstudio };
}

const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  // Clients get a message, never a stack; the log keeps the details.
  console.error(`[${req.method} ${req.originalUrl}]`, error);
  if (res.headersSent) return res.end();
  const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
  res.status(status).json({ success: false, error: status >= 500 ? 'Internal server error' : (error as Error).message });
};
