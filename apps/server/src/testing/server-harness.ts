import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '@vision/api-contract';
import { startLmStudioDouble, type LmStudioDouble, type LmStudioDoubleOptions } from '@vision/testkit';
import { createApp, type App } from '../app';
import { loadConfig, type ServerConfig } from '../env';

export interface TestServer extends App {
  url: string;
  double: LmStudioDouble;
  config: ServerConfig;
  /** Where this server's uploads go: empty again once every batch has ended. */
  tmpRoot: string;
  trpc: ReturnType<typeof createTestTrpcClient>;
  leftoverUploads(): Promise<string[]>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  double?: Partial<LmStudioDoubleOptions>;
}

/** The app on an ephemeral port in this process, talking HTTP to a fresh LM Studio double. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const double = await startLmStudioDouble({ labelCorpus: true, ...options.double });
  const tmpRoot = await mkdtemp(path.join(os.tmpdir(), 'vision-test-uploads-'));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-test-data-'));
  const config = loadConfig({ LMSTUDIO_BASE_URL: double.baseUrl, DATA_DIR: dataDir, PORT: '0', ...options.env });
  const app = createApp(config, { tmpRoot, webDist: path.join(tmpRoot, 'no-web') });
  const server = app.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...app,
    url,
    double,
    config,
    tmpRoot,
    trpc: createTestTrpcClient(url),
    leftoverUploads: async () => {
      const dirs = await readdir(tmpRoot);
      const files = await Promise.all(dirs.map(async (dir) => (await readdir(path.join(tmpRoot, dir))).map((f) => `${dir}/${f}`)));
      return [...dirs.filter((_, i) => files[i]!.length === 0), ...files.flat()];
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.batches.idle();
      await double.close();
      await rm(tmpRoot, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
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
