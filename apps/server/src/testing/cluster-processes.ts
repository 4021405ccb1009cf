import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDouble, type InferenceDouble, type DoubleOptions } from '@vision/testkit';
import { startPostgres, startRedis, type PostgresServer, type RedisServer } from './cluster-services';

export { clusterServicesMissing } from './cluster-services';
import { startServerProcess, type ServerProcess } from './server-process';

/**
 * A cluster on loopback, for tests and the bench: Postgres, Redis, one shared DATA_DIR, API servers and workers as
 * the compiled server's own processes (SERVER_ROLE), each worker beside its own LM Studio double.
 */
export interface LocalCluster {
  postgres: PostgresServer;
  redis: RedisServer;
  dataDir: string;
  apis: ServerProcess[];
  workers: Array<{ process: ServerProcess; double: InferenceDouble }>;
  addWorker(double?: Partial<DoubleOptions>): Promise<{ process: ServerProcess; double: InferenceDouble }>;
  close(): Promise<void>;
}

export interface LocalClusterOptions {
  apis?: number;
  workers?: number;
  double?: Partial<DoubleOptions>;
  /** QUEUE_LOCK_S: how soon a killed worker's images go to another. */
  queueLockS?: number;
  env?: Record<string, string>;
}

export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const [postgres, redis, dataDir] = await Promise.all([startPostgres(), startRedis(), mkdtemp(path.join(os.tmpdir(), 'vision-cluster-'))]);
  const shared = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    DATA_DIR: dataDir,
    QUEUE_LOCK_S: String(options.queueLockS ?? 30),
    // The processes' start line (info) says where they listen.
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const apis: ServerProcess[] = [];
  const workers: LocalCluster['workers'] = [];
  const addWorker = async (double?: Partial<DoubleOptions>) => {
    const own = await startDouble('lmstudio', { labelCorpus: true, ...options.double, ...double });
    const process = await startServerProcess({ ...shared, SERVER_ROLE: 'worker', LMSTUDIO_BASE_URL: own.baseUrl });
    const worker = { process, double: own };
    workers.push(worker);
    return worker;
  };
  try {
    // An API server asks no inference server anything: its LMSTUDIO_BASE_URL points nowhere.
    for (let i = 0; i < (options.apis ?? 2); i++)
      apis.push(await startServerProcess({ ...shared, SERVER_ROLE: 'api', LMSTUDIO_BASE_URL: 'http://127.0.0.1:9/v1' }));
    for (let i = 0; i < (options.workers ?? 1); i++) await addWorker();
  } catch (error) {
    await closeAll();
    throw error;
  }
  async function closeAll() {
    await Promise.all([...apis, ...workers.map((worker) => worker.process)].map((server) => server.stop()));
    await Promise.all(workers.map((worker) => worker.double.close()));
    await Promise.all([postgres.stop(), redis.stop(), rm(dataDir, { recursive: true, force: true })]);
  }
  return { postgres, redis, dataDir, apis, workers, addWorker, close: closeAll };
}
