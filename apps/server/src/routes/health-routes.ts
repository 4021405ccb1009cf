import { Router } from 'express';
import type { HostRouter, KnownHost } from '@vision/core';
import type { Cluster } from '../queue/cluster';

/**
 * Liveness: answers at once and asks no inference server anything (for a service manager or a load balancer's
 * probe). Without AUTH_TOKEN it also lists each host as last seen (its kind, slots, whether it answered the last
 * time it was asked); with a token it needs none and so says nothing but that the process serves requests.
 */
export function livenessRoute(deps: { knownHosts?: (() => KnownHost[]) | undefined }): Router {
  return Router().get('/api/health', (_req, res) => {
    res.json(deps.knownHosts ? { ok: true, hosts: deps.knownHosts() } : { ok: true });
  });
}

/**
 * Readiness (behind the token): whether batches can run now, that is whether an inference server answers, with
 * the hosts together (`inference`; also under `lmstudio`, its name since the one-host form, for monitors that read
 * it) and each server's (`hosts`: its
 * kind, slots and whether it answers); 503 when none does or when the server is stopping. In a cluster, a worker
 * serving a model also makes it ready, and the answer adds the workers (their models, hosts, slots, images running
 * and finished) and the images waiting per model (`queue`).
 */
export function readinessRoute(deps: {
  inference: Pick<HostRouter, 'health'>;
  stopping: () => boolean;
  cluster?: Cluster | undefined;
}): Router {
  return Router().get('/api/ready', async (_req, res) => {
    const { hosts, ...together } = await deps.inference.health();
    const stopping = deps.stopping();
    const cluster = deps.cluster && (await clusterState(deps.cluster));
    const served = together.reachable || (cluster?.workers.some((worker) => worker.models.length > 0) ?? false);
    const ok = served && !stopping;
    const body = {
      ok,
      ...(stopping ? { stopping, error: 'The server is stopping.' } : {}),
      inference: together,
      lmstudio: together,
      hosts,
      ...cluster,
    };
    res.status(ok ? 200 : 503).json(body);
  });
}

async function clusterState(cluster: Cluster) {
  const workers = await cluster.workers.list().catch(() => []);
  const models = [...new Set(workers.flatMap((worker) => worker.models))];
  return { workers, queue: await cluster.queue.depth(models).catch(() => ({})) };
}
