import type { BatchService, ComparisonService, HostRouter, ReviewService } from '@vision/core';

/** What every procedure may use; built once by the host and handed to the adapter's createContext. */
export interface ApiContext {
  batches: Pick<BatchService, 'get' | 'list' | 'follow' | 'cancel' | 'retry' | 'delete'>;
  comparisons: Pick<ComparisonService, 'get' | 'list' | 'setLabels' | 'cancel' | 'delete'>;
  reviews: Pick<ReviewService, 'queue' | 'decide' | 'undo' | 'acceptAgreed'>;
  /** The inference hosts: their models, and each one's kind, slots and whether it answers. */
  inference: Pick<HostRouter, 'listModels' | 'baseUrl' | 'hostStatus'>;
}
