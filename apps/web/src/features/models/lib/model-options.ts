import type { TModelInfo } from '@vision/api-contract';
import { SEED_MODELS } from '../../../config/limits';

export type ModelNote = 'loaded' | 'not-loaded' | 'not-listed' | 'unknown-vision' | 'text-only';

export interface ModelOption {
  id: string;
  /** What its server says about it; null when no server lists the model (or none could be asked). */
  info: TModelInfo | null;
  group: 'seed' | 'vision' | 'unusable';
  usable: boolean;
  note: ModelNote | null;
}

/**
 * The buttons to show: the seed models first, then the other models that can (or may) see images, then the
 * ones that cannot, disabled. Without a list (no server answering) the seeds stay usable: the server takes
 * the batch and each image fails with its server's address, ready for a retry.
 */
export function modelOptions(models: readonly TModelInfo[] | undefined): ModelOption[] {
  const seeds = SEED_MODELS.map((id): ModelOption => {
    const info = models?.find((model) => model.id === id) ?? null;
    if (!models) return { id, info, group: 'seed', usable: true, note: null };
    if (!info) return { id, info, group: 'seed', usable: false, note: 'not-listed' };
    return { id, info, group: 'seed', usable: canSee(info), note: noteFor(info) };
  });
  const others = (models ?? [])
    .filter((model) => !(SEED_MODELS as readonly string[]).includes(model.id))
    .map((info): ModelOption => {
      const usable = canSee(info);
      return { id: info.id, info, group: usable ? 'vision' : 'unusable', usable, note: noteFor(info) };
    });
  return [...seeds, ...others.filter((option) => option.usable), ...others.filter((option) => !option.usable)];
}

/** Embedding models say nothing about vision (null) but can never describe an image. */
const isEmbedding = (info: TModelInfo): boolean => /^embedding/.test(info.type ?? '');
const canSee = (info: TModelInfo): boolean => info.vision !== false && !isEmbedding(info);

function noteFor(info: TModelInfo): ModelNote | null {
  if (!canSee(info)) return 'text-only';
  if (info.vision === null) return 'unknown-vision';
  if (info.loaded === null) return null;
  return info.loaded ? 'loaded' : 'not-loaded';
}

/** A server answers but nothing listed can (or may) see images. */
export const listsNoVisionModel = (models: readonly TModelInfo[]): boolean => !models.some(canSee);
