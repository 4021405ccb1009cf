import type { AnalyzeImageRequest, ImageAnalysis } from '../lmstudio/analyze-image';
import type { ModelInfo } from '../lmstudio/list-models';
import type { RequestScheduler, SchedulerHost } from '../batch/request-scheduler';
import { createInferenceHost, type InferenceHost } from './inference-host';
import type { HostAddress } from './host-url';
import { mergeModels, type PooledModelInfo } from './merge-models';
import type { ServerKind } from './server-kind';

export interface InferencePoolConfig {
  hosts: HostAddress[];
  apiKey?: string | undefined;
  requestTimeoutMs: number;
  maxTokens?: number | undefined;
  modelsTtlMs?: number;
  /** How often a host out of the rotation is asked again. */
  recheckMs?: number;
}

export interface HostStatus {
  baseUrl: string;
  kind: ServerKind | null;
  /** Answers its model list now. */
  reachable: boolean;
  /** Taking requests (false while out of the rotation after failing). */
  inRotation: boolean;
  slots: number;
  modelCount: number | null;
  error: string | null;
}

/** What the pool last saw of a host, without asking it now (for the liveness check). */
export interface KnownHost {
  baseUrl: string;
  kind: ServerKind | null;
  /** Whether it answered the last time it was asked; null before the first time. */
  answered: boolean | null;
  inRotation: boolean;
  slots: number;
}

export interface PoolHealth {
  reachable: boolean;
  baseUrl: string;
  modelCount?: number;
  error?: string;
  hosts: HostStatus[];
}

export interface InferencePool {
  /** The hosts' base URLs, for messages. */
  readonly baseUrl: string;
  readonly hosts: readonly InferenceHost[];
  /** Each model once, with the hosts that serve it; its `parallel` is their slots together. */
  listModels(signal?: AbortSignal): Promise<PooledModelInfo[]>;
  /** On the slot's host, or the first host in the rotation that serves the model. */
  analyzeImage(request: AnalyzeImageRequest, slot?: { host?: string | undefined }): Promise<ImageAnalysis>;
  health(): Promise<PoolHealth>;
  /** Every host and whether it answers now: for readiness and the model panel. */
  hostStatus(): Promise<HostStatus[]>;
  /** Every host as last seen, asking nothing: for the liveness check, which must answer at once. */
  knownHosts(): KnownHost[];
  /** What the request scheduler needs to put a slot on a host. */
  schedulerHosts(): SchedulerHost[];
  /**
   * The request on `host` failed because the host did (refused, reset, 5xx): it leaves the rotation until a
   * background check finds it again. True when the image should go to another host instead of failing.
   */
  shouldResend(host: string | undefined, analysis: ImageAnalysis): boolean;
  /** The scheduler to wake when a host leaves or rejoins the rotation. */
  attach(scheduler: RequestScheduler): void;
  close(): void;
}

const HOST_FAILURES = new Set(['unreachable', 'server-error', 'unavailable']);

/** Asks the host now; `outError` is why it left the rotation, if it did. */
async function statusOf(host: InferenceHost, outError: string | undefined): Promise<HostStatus> {
  const health = await host.health();
  return {
    baseUrl: host.baseUrl,
    kind: health.kind,
    reachable: health.reachable,
    inRotation: outError === undefined,
    slots: health.slots,
    modelCount: health.modelCount ?? null,
    error: health.error ?? outError ?? null,
  };
}

function lastSeen(host: InferenceHost, isOut: boolean): KnownHost {
  return {
    baseUrl: host.baseUrl,
    kind: host.kind ?? null,
    answered: isOut ? false : host.lastAnswered(),
    inRotation: !isOut,
    slots: host.slotsFor(),
  };
}

export function createInferencePool(config: InferencePoolConfig): InferencePool {
  if (config.hosts.length === 0) throw new Error('An inference pool needs at least one host.');
  const hosts = config.hosts.map((address) =>
    createInferenceHost({
      ...address,
      apiKey: config.apiKey,
      requestTimeoutMs: config.requestTimeoutMs,
      maxTokens: config.maxTokens,
      modelsTtlMs: config.modelsTtlMs,
    }),
  );
  const byUrl = new Map(hosts.map((host) => [host.baseUrl, host]));
  const out = new Map<string, { error: string; timer: NodeJS.Timeout }>();
  const schedulers: RequestScheduler[] = [];
  const changed = () => schedulers.forEach((scheduler) => scheduler.hostsChanged());

  const takeOut = (host: InferenceHost, error: string): void => {
    if (out.has(host.baseUrl)) return;
    const timer = setInterval(() => {
      host.forget();
      host.listModels().then(
        () => {
          clearInterval(timer);
          out.delete(host.baseUrl);
          changed();
        },
        () => undefined,
      );
    }, config.recheckMs ?? 2_000);
    timer.unref();
    out.set(host.baseUrl, { error, timer });
    changed();
  };

  const serves = (host: InferenceHost, model: string): boolean => {
    const models = host.cachedModels();
    // Not asked yet (or unreachable since start): it may serve it; the request will tell.
    return !models || models.some((candidate) => candidate.id === model);
  };

  const listAll = async (signal?: AbortSignal) => {
    const settled = await Promise.allSettled(hosts.map((host) => host.listModels(signal)));
    settled.forEach((result, index) => {
      if (result.status === 'rejected' && hosts.length > 1)
        takeOut(hosts[index]!, String((result.reason as Error)?.message ?? result.reason));
    });
    return settled;
  };

  return {
    baseUrl: hosts.map((host) => host.baseUrl).join(', '),
    hosts,
    async listModels(signal) {
      const settled = await listAll(signal);
      const answered = settled.flatMap((result, index) =>
        result.status === 'fulfilled' ? [{ host: hosts[index]!, models: result.value }] : [],
      );
      if (answered.length === 0) throw (settled[0] as PromiseRejectedResult).reason;
      return mergeModels(
        answered.map(({ host, models }) => ({
          baseUrl: host.baseUrl,
          kind: host.kind ?? null,
          slots: (model: string) => host.slotsFor(model),
          models,
        })),
      );
    },
    async analyzeImage(request, slot) {
      const host =
        (slot?.host && byUrl.get(slot.host)) ||
        hosts.find((candidate) => !out.has(candidate.baseUrl) && serves(candidate, request.model)) ||
        hosts[0]!;
      const analysis = await host.analyzeImage(request);
      return { ...analysis, host: host.baseUrl, hostKind: host.kind };
    },
    async health() {
      const statuses = await this.hostStatus();
      const up = statuses.filter((status) => status.reachable);
      const models = up.reduce((sum, status) => sum + (status.modelCount ?? 0), 0);
      return up.length > 0
        ? { reachable: true, baseUrl: this.baseUrl, modelCount: models, hosts: statuses }
        : { reachable: false, baseUrl: this.baseUrl, error: statuses.map((status) => status.error).join('; '), hosts: statuses };
    },
    hostStatus: () => Promise.all(hosts.map((host) => statusOf(host, out.get(host.baseUrl)?.error))),
    knownHosts: () => hosts.map((host) => lastSeen(host, out.has(host.baseUrl))),
    schedulerHosts: () =>
      hosts.map((host) => ({
        id: host.baseUrl,
        up: !out.has(host.baseUrl),
        slots: host.slotsFor(),
        serves: (model: string) => serves(host, model),
        failure: out.get(host.baseUrl)?.error,
      })),
    shouldResend(hostUrl, analysis) {
      const host = hostUrl ? byUrl.get(hostUrl) : undefined;
      if (!host || analysis.ok || hosts.length < 2 || !HOST_FAILURES.has(analysis.reason)) return false;
      takeOut(host, analysis.error);
      return true;
    },
    attach: (scheduler) => void schedulers.push(scheduler),
    close() {
      for (const { timer } of out.values()) clearInterval(timer);
    },
  };
}

export type { PooledModelInfo, ModelInfo };
