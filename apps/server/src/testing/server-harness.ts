import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '@vision/api-contract';
import { startDouble, type DoubleOptions, type InferenceDouble } from '@vision/testkit';
import { createApp, type App } from '../app';
import { loadConfig, type ServerConfig } from '../env';
import { createLogger, type LogLevel, type ServerLogger } from '../logging/logger';

export interface TestServer extends App {
  url: string;
  double: InferenceDouble;
  config: ServerConfig;
  dataDir: string;
  trpc: ReturnType<typeof createTestTrpcClient>;
  /**
   * Uploads or originals still on disk (of the given batches, or of all): none once a batch has ended, except
   * the originals of items cancelled before they were prepared, which a retry needs.
   */
  leftoverUploads(batchIds?: string[]): Promise<string[]>;
  /** Stops the HTTP server and the app, keeping DATA_DIR and the double. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  double?: Partial<DoubleOptions>;
  /** Reuse a running double (e.g. across a restart). */
  existingDouble?: InferenceDouble;
  /** Reuse a data folder (e.g. to check what survives a restart). */
  dataDir?: string;
  /** Where the server logs; silent by default. */
  logger?: ServerLogger;
}

/** The app on an ephemeral port in this process, talking HTTP to a double (LM Studio unless `double.kind` says). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const double =
    options.existingDouble ?? (await startDouble(options.double?.kind ?? 'lmstudio', { labelCorpus: true, ...options.double }));
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vision-test-data-')));
  const config = loadConfig({ LMSTUDIO_BASE_URL: double.baseUrl, DATA_DIR: dataDir, PORT: '0', ...options.env });
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const app = await createApp(config, { webDist: path.join(dataDir, 'no-web'), logger });
  // HOST as configured (127.0.0.1 unless a test says otherwise); the URL below reaches it on every binding.
  const server = app.app.listen(0, config.host);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
  };
  return {
    ...app,
    url,
    double,
    config,
    dataDir,
    trpc: createTestTrpcClient(url),
    leftoverUploads: (batchIds) => leftoverUploads(app.uploadDir, path.join(dataDir, 'batches'), batchIds),
    stop,
    close: async () => {
      await stop();
      if (!options.existingDouble) await double.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function leftoverUploads(uploadDir: string, batchesDir: string, batchIds?: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const dir of await readdir(uploadDir)) {
    const files = await readdir(path.join(uploadDir, dir));
    found.push(...(files.length ? files.map((file) => `uploads/${dir}/${file}`) : [`uploads/${dir}/`]));
  }
  for (const batch of batchIds ?? (await readdir(batchesDir).catch(() => []))) {
    for (const file of await readdir(path.join(batchesDir, batch)).catch(() => [])) {
      if (!file.endsWith('.prepared.jpg')) found.push(`batches/${batch}/${file}`);
    }
  }
  return found;
}

export function createTestTrpcClient(url: string) {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${url}/trpc`, EventSource }),
        false: httpBatchLink({ url: `${url}/trpc` }),
      }),
    ],
  });
}

export interface UploadFile {
  name: string;
  data: Uint8Array;
  type?: string;
}

export function batchForm(files: UploadFile[], fields: Record<string, string>, fieldName = 'images[]'): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append(fieldName, new Blob([file.data], { type: file.type ?? 'application/octet-stream' }), file.name);
  return form;
}

export async function postBatch(url: string, route: '/api/analyze-batch' | '/api/batches', form: FormData) {
  const response = await fetch(`${url}${route}`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A logger writing JSON lines into memory, for tests that read what the server logged. */
export function captureLog(level: LogLevel = 'info'): { logger: ServerLogger; lines(): Array<Record<string, any>>; text(): string } {
  let text = '';
  const destination = { write: (line: string) => void (text += line) };
  return {
    logger: createLogger({ level, destination }),
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, any>),
    text: () => text,
  };
}

/** The batch's whole event log as a follower on `url` sees it: replayed from the start, then live to its end. */
export function followBatchToEnd(url: string, batchId: string): Promise<Array<{ type: string; index?: number }>> {
  const events: Array<{ type: string; index?: number }> = [];
  return new Promise((resolve, reject) => {
    const subscription = createTestTrpcClient(url).batches.onProgress.subscribe(
      { batchId },
      {
        onData: ({ data }) => {
          events.push({ type: data.type, index: data.type === 'item-finished' ? data.result.index : undefined });
          if (data.type === 'batch-finished') {
            subscription.unsubscribe();
            resolve(events);
          }
        },
        onError: reject,
      },
    );
  });
}
