import type { Logger } from '../logger';
import { isCancelled } from './stats';
import type { BatchProgressEvent } from './types';

/**
 * The operator's view of a batch, one log line per step that matters: started (or resumed, or retried),
 * every image that failed (with its batch id and index, and the reason: an LM Studio failure or a bad file),
 * finished or cancelled with the counts and wall time. Single images that succeed are not logged.
 */
export function logBatchEvent(logger: Logger, event: BatchProgressEvent): void {
  switch (event.type) {
    case 'batch-started': {
      const { batchId, model, total, concurrency, resumed, retry } = event;
      logger.info(
        { batchId, model, images: total, concurrency, resumed, retry },
        resumed ? 'batch resumed' : retry ? 'batch retried' : 'batch started',
      );
      return;
    }
    case 'item-finished': {
      const { result } = event;
      if (result.success || isCancelled(result)) return;
      logger.warn({ batchId: event.batchId, index: result.index, errorCode: result.errorCode, error: result.error }, 'image failed');
      return;
    }
    case 'batch-finished': {
      const { batchId, status, stats } = event;
      const fields = {
        batchId,
        status,
        images: stats.total_images,
        successful: stats.successful,
        failed: stats.failed,
        cancelled: stats.cancelled,
        wallTimeS: stats.wall_time,
      };
      logger.info(fields, status === 'cancelled' ? 'batch cancelled' : 'batch finished');
      return;
    }
    case 'item-started':
      return;
  }
}
