import { useCallback, useMemo, useState } from 'react';
import { labelsFromCsv, labelsFromFolders, type DatasetPhoto, type GroundTruth } from '../lib/ground-truth';

export interface GroundTruthChoice {
  /** The labels and what was wrong with the rows; null when there are none. */
  truth: (GroundTruth & { source: 'csv' | 'folders' }) | null;
  csvName: string | null;
  unreadable: boolean;
  /** Some photos came in folders, whose names can serve as labels. */
  hasFolders: boolean;
  useFolders: boolean;
  setUseFolders(use: boolean): void;
  pickCsv(file: File): void;
  clearCsv(): void;
}

/** The ground truth for a comparison: a labels CSV when one is chosen, else the photos' folder names (unless declined). */
export function useGroundTruth(photos: readonly DatasetPhoto[]): GroundTruthChoice {
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const [useFolders, setUseFolders] = useState(true);
  const hasFolders = photos.some((photo) => photo.path !== null);

  const truth = useMemo(() => {
    if (csv) return { source: 'csv' as const, ...labelsFromCsv(csv.text, photos) };
    if (hasFolders && useFolders) return { source: 'folders' as const, ...labelsFromFolders(photos) };
    return null;
  }, [csv, photos, hasFolders, useFolders]);

  const pickCsv = useCallback((file: File) => {
    file.text().then(
      (text) => {
        setCsv({ name: file.name, text });
        setUnreadable(false);
      },
      () => setUnreadable(true),
    );
  }, []);

  const clearCsv = useCallback(() => {
    setCsv(null);
    setUnreadable(false);
  }, []);

  return { truth, csvName: csv?.name ?? null, unreadable, hasFolders, useFolders, setUseFolders, pickCsv, clearCsv };
}
