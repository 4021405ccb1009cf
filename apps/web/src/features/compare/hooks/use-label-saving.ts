import { useCallback } from 'react';
import { useSetLabel } from '../api/use-comparison-actions';

/** A label typed in the table, saved one photo at a time: what to call, which photo is being saved, what went wrong. */
export function useLabelSaving(comparisonId: string) {
  const setLabel = useSetLabel(comparisonId);
  const { mutate: saveLabels } = setLabel;
  const onLabel = useCallback(
    (index: number, label: string | null) => saveLabels({ comparisonId, labels: [{ index, label }] }),
    [saveLabels, comparisonId],
  );
  const savingIndex = setLabel.isPending ? (setLabel.variables.labels[0]?.index ?? null) : null;
  return { onLabel, savingIndex, error: setLabel.error };
}
