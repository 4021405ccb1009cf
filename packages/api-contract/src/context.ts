import type { BatchService, ComparisonService, LmStudioClient } from '@vision/core';

/** What every procedure may use; built once by the host and handed to the adapter's createContext. */
export interface ApiContext {
  batches: Pick<BatchService, 'get' | 'list' | 'follow' | 'cancel' | 'retry' | 'delete'>;
  comparisons: Pick<ComparisonService, 'get' | 'list' | 'setLabels' | 'cancel'>;
  lmstudio: Pick<LmStudioClient, 'listModels' | 'baseUrl'>;
}
