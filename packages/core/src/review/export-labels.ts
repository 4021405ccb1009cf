import type { LabelSource, ReviewItem } from '../schemas/review';

/** The label an export writes for one image and where it came from; `reviewed` when a person decided it. */
export interface ExportLabel {
  label: string | null;
  source: LabelSource | null;
  reviewed: boolean;
}

/**
 * What a person confirmed comes first (a rejection leaves no label), then the ground truth given as labels (a CSV
 * or typed), then the suggestion: the models' consensus or the one model's answer.
 */
export function exportLabels(
  items: readonly ReviewItem[],
  given: ReadonlyMap<number, string | null> = new Map(),
): Map<number, ExportLabel> {
  return new Map(
    items.map((item): [number, ExportLabel] => {
      if (item.decision) return [item.index, { label: item.decision.label, source: 'person', reviewed: true }];
      const label = given.get(item.index) ?? null;
      if (label !== null) return [item.index, { label, source: 'labels', reviewed: false }];
      return [item.index, { label: item.suggestion, source: item.source, reviewed: false }];
    }),
  );
}
