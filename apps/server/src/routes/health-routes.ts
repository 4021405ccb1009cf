import { Router } from 'express';
import type { LmStudioClient } from '@vision/core';

/**
 * Liveness: answers at once, asks nothing of LM Studio, needs no token and so says nothing but that the
 * process serves requests (for a service manager or a load balancer's probe).
 */
export function livenessRoute(): Router {
  return Router().get('/api/health', (_req, res) => {
    res.json({ ok: true });
  });
}

/**
 * Readiness (behind the token): whether batches can run now, that is whether LM Studio answers, with its
 * details; 503 when it does not or when the server is stopping.
 */
export function readinessRoute(deps: { lmstudio: Pick<LmStudioClient, 'health'>; stopping: () => boolean }): Router {
  return Router().get('/api/ready', async (_req, res) => {
    const lmstudio = await deps.lmstudio.health();
    const stopping = deps.stopping();
    const ok = lmstudio.reachable && !stopping;
    res.status(ok ? 200 : 503).json({ ok, ...(stopping ? { stopping, error: 'The server is stopping.' } : {}), lmstudio });
  });
}
