import type { ImageAnalysis } from '../lmstudio/analyze-image';
import type { ItemErrorCode } from '../schemas/error-codes';
import type { RoutableHost } from './host-turns';
import type { InferenceHost } from './inference-host';
import type { ServerKind } from './server-kind';

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

/** What the router last saw of a host, without asking it now (for the liveness check). */
export interface KnownHost {
  baseUrl: string;
  kind: ServerKind | null;
  /** Whether it answered the last time it was asked; null before the first time. */
  answered: boolean | null;
  inRotation: boolean;
  slots: number;
}

/** The hosts' health and which of them take requests now. */
export interface HostRotation {
  /** The hosts the turns may put a slot on, as they are now. */
  routable(): RoutableHost[];
  /**
   * Whether the image should go to another host: its host itself failed (refused, reset, 5xx, "not now" past the
   * wait) and there is another. That host then leaves the rotation until a background check finds it again.
   */
  failedOver(host: InferenceHost, analysis: ImageAnalysis): boolean;
  /** The host did not answer its model list: out of the rotation (with several hosts), re-checked in the background. */
  takeOut(host: InferenceHost, error: string): void;
  /**
   * What a request to the host said about whether it is there: true when it answered, false when it could not be
   * reached; a timeout or a 5xx says nothing new, so the last word stands.
   */
  saw(host: InferenceHost, outcome: { answered: boolean } | ImageAnalysis): void;
  /** Every host and whether it answers now: for readiness and the model panel. */
  hostStatus(): Promise<HostStatus[]>;
  /** Every host as last seen, asking nothing: for the liveness check, which must answer at once. */
  knownHosts(): KnownHost[];
  close(): void;
}

/** What says the host failed rather than the image or the model. */
const HOST_FAILURES: ReadonlySet<ItemErrorCode> = new Set(['inference-unreachable', 'inference-server-error', 'inference-unavailable']);

export function createHostRotation(hosts: readonly InferenceHost[], options: { recheckMs: number; changed: () => void }): HostRotation {
  const out = new Map<string, { error: string; timer: NodeJS.Timeout }>();
  const answered = new Map<string, boolean>();
  const saw: HostRotation['saw'] = (host, outcome) => {
    if ('answered' in outcome) answered.set(host.baseUrl, outcome.answered);
    else if (outcome.ok) answered.set(host.baseUrl, true);
    else if (outcome.code === 'inference-unreachable') answered.set(host.baseUrl, false);
  };

  const recheck = (host: InferenceHost): NodeJS.Timeout => {
    const timer = setInterval(() => {
      host.forget();
      host.listModels().then(
        () => {
          clearInterval(timer);
          answered.set(host.baseUrl, true);
          out.delete(host.baseUrl);
          options.changed();
        },
        () => undefined,
      );
    }, options.recheckMs);
    timer.unref();
    return timer;
  };

  const takeOut = (host: InferenceHost, error: string): void => {
    // One host has no other to send to: it stays, and each image says what went wrong.
    if (hosts.length < 2 || out.has(host.baseUrl)) return;
    out.set(host.baseUrl, { error, timer: recheck(host) });
    options.changed();
  };

  return {
    routable: () =>
      hosts.map((host) => ({
        id: host.baseUrl,
        up: !out.has(host.baseUrl),
        slots: host.slotsFor(),
        serves: (model: string) => serves(host, model),
        failure: out.get(host.baseUrl)?.error,
      })),
    failedOver(host, analysis) {
      if (analysis.ok || hosts.length < 2 || !HOST_FAILURES.has(analysis.code)) return false;
      takeOut(host, analysis.error);
      return true;
    },
    takeOut,
    saw,
    async hostStatus() {
      const statuses = await Promise.all(hosts.map((host) => statusOf(host, out.get(host.baseUrl)?.error)));
      statuses.forEach((status, index) => saw(hosts[index]!, { answered: status.reachable }));
      return statuses;
    },
    knownHosts: () =>
      hosts.map((host) => lastSeen(host, out.has(host.baseUrl) ? false : (answered.get(host.baseUrl) ?? null), !out.has(host.baseUrl))),
    close() {
      for (const { timer } of out.values()) clearInterval(timer);
    },
  };
}

function serves(host: InferenceHost, model: string): boolean {
  const models = host.cachedModels();
  // Not asked yet (or unreachable since start): it may serve it; the request will tell.
  return !models || models.some((candidate) => candidate.id === model);
}

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

/** `answered`: false while out of the rotation, else the last word (null before the first). */
function lastSeen(host: InferenceHost, answered: boolean | null, inRotation: boolean): KnownHost {
  return { baseUrl: host.baseUrl, kind: host.kind ?? null, answered, inRotation, slots: host.slotsFor() };
}
