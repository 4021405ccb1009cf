import type { BatchService, ComparisonService, HostStatus, LmStudioClient, ReviewService } from '@vision/core';

/** What every procedure may use; built once by the host and handed to the adapter's createContext. */
export interface ApiContext {
  batches: Pick<BatchService, 'get' | 'list' | 'follow' | 'cancel' | 'retry' | 'delete'>;
  comparisons: Pick<ComparisonService, 'get' | 'list' | 'setLabels' | 'cancel'>;
  reviews: Pick<ReviewService, 'queue' | 'decide' | 'undo' | 'acceptAgreed'>;
  lmstudio: Pick<LmStudioClient, 'listModels' | 'baseUrl'> & {
    /** Each inference server and whether it answers (a pool); absent with a bare one-server client. */
    hostStatus?: () => Promise<HostStatus[]>;
  };
}
