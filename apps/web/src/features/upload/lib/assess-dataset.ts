import { LIMIT_WARNING_RATIO, MAX_IMAGES_PER_BATCH, MAX_UPLOAD_BYTES } from '../../../config/limits';
import type { SelectedFile } from '../hooks/use-selected-files';

export interface DatasetAssessment {
  count: number;
  totalBytes: number;
  /** Photos to remove before the server takes the batch (0 when within the limit). */
  extraImages: number;
  /** Bytes to remove before the server takes the batch (0 when within the limit). */
  extraBytes: number;
  nearLimit: boolean;
  rejected: number;
  checking: number;
  /** Whether the server would take the request as a whole (rejected files only fail their own items). */
  acceptable: boolean;
}

export function assessDataset(files: readonly SelectedFile[]): DatasetAssessment {
  const totalBytes = files.reduce((sum, entry) => sum + entry.file.size, 0);
  const extraImages = Math.max(0, files.length - MAX_IMAGES_PER_BATCH);
  const extraBytes = Math.max(0, totalBytes - MAX_UPLOAD_BYTES);
  return {
    count: files.length,
    totalBytes,
    extraImages,
    extraBytes,
    nearLimit: files.length >= MAX_IMAGES_PER_BATCH * LIMIT_WARNING_RATIO || totalBytes >= MAX_UPLOAD_BYTES * LIMIT_WARNING_RATIO,
    rejected: files.filter((entry) => entry.check.state === 'rejected').length,
    checking: files.filter((entry) => entry.check.state === 'checking').length,
    acceptable: files.length > 0 && extraImages === 0 && extraBytes === 0,
  };
}
