import type { ModelInfo } from '../lmstudio/list-models';
import type { ServerKind } from './server-kind';

export interface ModelHost {
  baseUrl: string;
  kind: ServerKind | null;
}

export interface PooledModelInfo extends ModelInfo {
  hosts: ModelHost[];
}

export interface HostModels extends ModelHost {
  slots: (model: string) => number;
  models: ModelInfo[];
}

/**
 * Each model once, in the order first seen. A host that says the model sees images wins over one that does not
 * know; it is text-only only when every host that says anything says so. `parallel` is the slots of all its hosts
 * together, which is how many requests a batch of it keeps in flight by default.
 */
export function mergeModels(hosts: HostModels[]): PooledModelInfo[] {
  const merged = new Map<string, PooledModelInfo>();
  for (const host of hosts) {
    for (const model of host.models) {
      const slots = host.slots(model.id);
      const seen = merged.get(model.id);
      if (!seen) {
        merged.set(model.id, { ...model, parallel: slots, hosts: [{ baseUrl: host.baseUrl, kind: host.kind }] });
        continue;
      }
      seen.hosts.push({ baseUrl: host.baseUrl, kind: host.kind });
      seen.parallel = (seen.parallel ?? 0) + slots;
      seen.vision = seen.vision === true || model.vision === true ? true : seen.vision === null || model.vision === null ? null : false;
      seen.loaded = seen.loaded === true || model.loaded === true ? true : (seen.loaded ?? model.loaded);
      seen.type ??= model.type;
      seen.quantization ??= model.quantization;
      seen.maxContextLength ??= model.maxContextLength;
    }
  }
  return [...merged.values()];
}
