import type { AnalyzeImageRequest, ImageAnalysis } from '../lmstudio/analyze-image';
import { CANCELLED, type ItemFailure } from '../schemas/error-codes';
import { createHostRotation, type HostRotation, type HostStatus, type KnownHost } from './host-rotation';
import { createHostTurns, NoHostError, type HostSlot, type LaneLimits, type TurnQueue, type TurnsSnapshot } from './host-turns';
import type { HostAddress } from './host-url';
import { createInferenceHost, type InferenceHost } from './inference-host';
import { mergeModels, type PooledModelInfo } from './merge-models';

export interface HostRouterConfig {
  hosts: HostAddress[];
  apiKey?: string | undefined;
  requestTimeoutMs: number;
  maxTokens?: number | undefined;
  modelsTtlMs?: number;
  /** How often a host out of the rotation is asked again. */
  recheckMs?: number;
  /** How long one image may wait out "Loading model" / "server busy" answers before it fails. */
  unavailableWaitMs?: number;
}

export interface RouterHealth {
  reachable: boolean;
  baseUrl: string;
  modelCount?: number;
  error?: string;
  hosts: HostStatus[];
}

export interface SendOptions {
  /** The batch was cancelled: nothing more is sent, a request out is aborted. */
  signal?: AbortSignal | undefined;
  /** The server is stopping: an image still waiting for its turn is left unsent ("halted"). */
  halt?: AbortSignal | undefined;
  /**
   * Called once, as the image's first request has left (awaited while it is out, so a slow disk never holds a
   * host's slot idle). If it throws, the request is settled first and the send throws.
   */
  onSent?: (() => Promise<void> | void) | undefined;
}

/** What came of one image: the host's answer (an entity or a coded failure), or a failure before any answer. */
export type Delivery =
  | { status: 'answered'; analysis: ImageAnalysis }
  | { status: 'failed'; failure: ItemFailure }
  /** Halted while waiting for its turn: nothing (more) was sent; the image is left for the next run. */
  | { status: 'halted' };

/** One batch's way to the hosts. */
export interface HostLane {
  send(request: AnalyzeImageRequest, options?: SendOptions): Promise<Delivery>;
  /** The batch is done sending; its turns end once its last request is answered. */
  close(): void;
}

export interface HostRouter {
  /** The hosts' base URLs, for messages. */
  readonly baseUrl: string;
  /** Each model once, with the hosts that serve it; its `parallel` is their slots together. */
  listModels(signal?: AbortSignal): Promise<PooledModelInfo[]>;
  /** `model`: the batch's model, which decides the hosts its images may go to. */
  openLane(id: string, limits: LaneLimits, model: string): HostLane;
  health(): Promise<RouterHealth>;
  hostStatus(): Promise<HostStatus[]>;
  knownHosts(): KnownHost[];
  snapshot(): TurnsSnapshot;
  close(): void;
}

/** How often one image is sent before its failure stands, when its hosts keep failing. */
const MAX_SENDS = 6;

/**
 * The one owner of the inference hosts: their rotation and health, fair turns between batches with a slot on
 * the least loaded host, 503s waited out, and an image whose host failed sent to another, up to MAX_SENDS times.
 */
export function createHostRouter(config: HostRouterConfig): HostRouter {
  if (config.hosts.length === 0) throw new Error('The host router needs at least one host.');
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
  const rotation = createHostRotation(hosts, { recheckMs: config.recheckMs ?? 2_000, changed: () => turns.hostsChanged() });
  const turns = createHostTurns(rotation.routable);
  const baseUrl = hosts.map((host) => host.baseUrl).join(', ');
  const waitMs = config.unavailableWaitMs ?? 60_000;

  const send = async (queue: TurnQueue, request: AnalyzeImageRequest, options: SendOptions): Promise<Delivery> => {
    const tried: string[] = [];
    let onSent = options.onSent;
    for (;;) {
      const turn = await takeTurn(queue, options);
      if (!('host' in turn)) return turn;
      const host = byUrl.get(turn.host)!;
      const analysis = await sendOnce(host, { ...request, signal: options.signal }, { slot: turn, onSent, waitMs });
      rotation.saw(host, analysis);
      onSent = undefined;
      if (options.signal?.aborted || !rotation.failedOver(host, analysis)) return { status: 'answered', analysis };
      tried.push(host.baseUrl);
      // Hosts that fail and come back could pass an image around for ever: a few tries, then it fails.
      if (tried.length >= MAX_SENDS) return { status: 'failed', failure: exhausted(tried, analysis) };
    }
  };

  return {
    baseUrl,
    listModels: (signal) => listPooledModels(hosts, rotation, signal),
    openLane(id, limits, model) {
      const queue = turns.openLane(id, limits, model);
      return { send: (request, options = {}) => send(queue, request, options), close: queue.close };
    },
    async health() {
      const statuses = await rotation.hostStatus();
      const up = statuses.filter((status) => status.reachable);
      const models = up.reduce((sum, status) => sum + (status.modelCount ?? 0), 0);
      return up.length > 0
        ? { reachable: true, baseUrl, modelCount: models, hosts: statuses }
        : { reachable: false, baseUrl, error: statuses.map((status) => status.error).join('; '), hosts: statuses };
    },
    hostStatus: rotation.hostStatus,
    knownHosts: rotation.knownHosts,
    snapshot: turns.snapshot,
    close: rotation.close,
  };
}

/** A slot on a host, or why the image gets none: cancelled, halted, or no host can take its model. */
async function takeTurn(queue: TurnQueue, options: SendOptions): Promise<HostSlot | Exclude<Delivery, { status: 'answered' }>> {
  const { signal, halt } = options;
  const halted = () => halt?.aborted === true && !signal?.aborted;
  const stopping = signal && halt ? AbortSignal.any([signal, halt]) : (signal ?? halt);
  try {
    const slot = await queue.acquire(stopping);
    if (!stopping?.aborted) return slot;
    slot.release();
  } catch (error) {
    if (error instanceof NoHostError) return { status: 'failed', failure: { code: error.code, message: error.message } };
    if (!stopping?.aborted) throw error;
  }
  return halted() ? { status: 'halted' } : { status: 'failed', failure: CANCELLED };
}

/**
 * The image on the slot's host, asked again while the host says "not now", naming the host in the answer; the
 * slot is free again once it is answered.
 */
async function sendOnce(
  host: InferenceHost,
  request: AnalyzeImageRequest,
  options: { slot: HostSlot; onSent: SendOptions['onSent']; waitMs: number },
): Promise<ImageAnalysis> {
  try {
    const answering = waitOutUnavailable(() => host.analyzeImage(request), { maxWaitMs: options.waitMs, signal: request.signal }).then(
      (analysis) => ({ ...analysis, host: host.baseUrl, hostKind: host.kind }),
    );
    if (options.onSent) await announce(options.onSent, answering);
    return await answering;
  } finally {
    options.slot.release();
  }
}

/** Runs `onSent` while the request is out; if it fails, the request is settled before the error goes on. */
async function announce(onSent: NonNullable<SendOptions['onSent']>, answering: Promise<ImageAnalysis>): Promise<void> {
  try {
    await onSent();
  } catch (error) {
    await answering.catch(() => undefined);
    throw error;
  }
}

function exhausted(tried: string[], analysis: ImageAnalysis): ItemFailure {
  const error = analysis.ok ? '' : analysis.error;
  return { code: 'failover-exhausted', message: `Failed on every host tried (${[...new Set(tried)].join(', ')}): ${error}` };
}

/** Asks every host; one that does not answer leaves the rotation, and the others' lists are merged. */
async function listPooledModels(
  hosts: readonly InferenceHost[],
  rotation: Pick<HostRotation, 'takeOut' | 'saw'>,
  signal?: AbortSignal,
): Promise<PooledModelInfo[]> {
  const settled = await Promise.allSettled(hosts.map((host) => host.listModels(signal)));
  settled.forEach((result, index) => {
    rotation.saw(hosts[index]!, { answered: result.status === 'fulfilled' });
    if (result.status === 'rejected') rotation.takeOut(hosts[index]!, String((result.reason as Error)?.message ?? result.reason));
  });
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
}

/**
 * Retries while the server answers "not now" (llama.cpp's 503 "Loading model", Ollama's 503 "server busy"),
 * backing off from 250 ms to 2 s, for at most `maxWaitMs`; any other answer is returned as it is.
 */
async function waitOutUnavailable(
  attempt: () => Promise<ImageAnalysis>,
  options: { maxWaitMs: number; signal?: AbortSignal | undefined },
): Promise<ImageAnalysis> {
  const startedAt = performance.now();
  let delayMs = 250;
  for (;;) {
    const analysis = await attempt();
    if (analysis.ok || analysis.code !== 'inference-unavailable') return analysis;
    const waited = performance.now() - startedAt;
    if (waited + delayMs > options.maxWaitMs || options.signal?.aborted) {
      return { ...analysis, error: `${analysis.error}; still unavailable after ${Math.round(waited / 100) / 10} s of retrying` };
    }
    await pause(delayMs, options.signal);
    delayMs = Math.min(2_000, delayMs * 2);
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
