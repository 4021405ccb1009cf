import type { ModelInfo } from '../lmstudio/list-models';
import { describeServer, type DescribeDeps, type ServerDescription } from './describe-server';
import type { ServerKind } from './server-kind';

/** Who one host is and what it serves, asked as seldom as sending allows. */
export interface ModelListCache {
  /** The kind once known (after the first look-up). */
  readonly kind: ServerKind | undefined;
  /** Cached for the cache's time to live; `maxAgeMs: 0` asks now (a health check). */
  list(signal?: AbortSignal, maxAgeMs?: number): Promise<ModelInfo[]>;
  /** The list a send checks its model against; `undefined` when the host could not be asked. */
  forSending(model: string, signal?: AbortSignal): Promise<ModelInfo[] | undefined>;
  /** The models as last listed, without asking. */
  models(): ModelInfo[] | undefined;
  /** The host failed: ask again who it is and what it serves next time. */
  forget(): void;
}

export function createModelListCache(deps: Pick<DescribeDeps, 'openai' | 'http'>, ttlMs: number): ModelListCache {
  let description: ServerDescription | undefined;
  let fresh: { models: ModelInfo[]; at: number } | undefined;
  let pending: Promise<ModelInfo[]> | undefined;

  const isFresh = (maxAgeMs: number) => fresh !== undefined && performance.now() - fresh.at < maxAgeMs;

  const list = (signal?: AbortSignal, maxAgeMs = ttlMs): Promise<ModelInfo[]> => {
    if (fresh && isFresh(maxAgeMs)) return Promise.resolve(fresh.models);
    // Concurrent look-ups share one round of requests.
    pending ??= describeServer({ ...deps, previous: description, signal })
      .then((described) => {
        description = described;
        fresh = { models: described.models, at: performance.now() };
        return described.models;
      })
      .finally(() => (pending = undefined));
    return pending;
  };

  /**
   * A send never waits for a re-listing of a model the host has already listed: its vision check reads the last
   * list (what a model can do does not change under its id) while a fresh one is fetched behind the send, so the
   * slots and the loaded flags still catch up. A model the list has not shown yet, or a host that forgot its list
   * after a failure, is looked up before sending, as a text-only model must be refused before it gets a photo.
   */
  const forSending = async (model: string, signal?: AbortSignal): Promise<ModelInfo[] | undefined> => {
    const known = fresh?.models;
    if (!known?.some((candidate) => candidate.id === model)) return list(signal).catch(() => undefined);
    // Not tied to this request's signal: the refresh is shared by every send that follows.
    if (!isFresh(ttlMs)) void list().catch(() => undefined);
    return known;
  };

  return {
    get kind() {
      return description?.kind;
    },
    list,
    forSending,
    models: () => fresh?.models ?? description?.models,
    forget() {
      description = undefined;
      fresh = undefined;
    },
  };
}
