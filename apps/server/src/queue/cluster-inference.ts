import { mergeModels, type HostRouter, type HostStatus, type PooledModelInfo } from '@vision/core';
import type { WorkerRegistry } from './redis-worker-registry';

/**
 * What an API server of a cluster says of models and inference servers: what the workers announce (an API server
 * sends no image itself), or its own hosts' when no worker has announced anything. The model check of an upload,
 * `models.list` and `models.hosts` all read it, so any API server shows the whole cluster.
 */
export function clusterInference(pool: HostRouter, workers: WorkerRegistry) {
  const announced = () => workers.list().catch(() => []);
  return {
    baseUrl: pool.baseUrl,
    openLane: pool.openLane.bind(pool),
    async listModels(signal?: AbortSignal): Promise<PooledModelInfo[]> {
      const roll = await announced();
      if (!roll.some((worker) => worker.catalog.length)) return pool.listModels(signal);
      return mergeModels(
        roll.map((worker) => ({
          baseUrl: `${worker.hostname}:${worker.pid}`,
          kind: null,
          models: worker.catalog,
          slots: (model: string) => worker.catalog.find((entry) => entry.id === model)?.parallel ?? 1,
        })),
      );
    },
    async hostStatus(): Promise<HostStatus[]> {
      const roll = await announced();
      if (!roll.length) return pool.hostStatus();
      return roll.flatMap((worker) =>
        worker.hosts.map((host) => ({
          baseUrl: host.baseUrl,
          kind: host.kind as HostStatus['kind'],
          reachable: host.reachable,
          inRotation: host.reachable,
          slots: host.slots,
          modelCount: worker.catalog.length,
          error: null,
        })),
      );
    },
  };
}
