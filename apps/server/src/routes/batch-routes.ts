import { Router, type Request, type Response } from 'express';
import type { BatchService } from '@vision/core';
import { statusOf } from '../http/refusal';
import { receiveOrRefuse, type ReceivedUpload } from '../upload/receive-upload';

type ReceiveUpload = (req: Request, res: Response) => Promise<ReceivedUpload>;

/**
 * The seed's endpoint (`POST /api/analyze-batch`, waits for the whole batch) and its background twin
 * (`POST /api/batches`, answers 202 at once and is followed through `batches.onProgress`).
 */
export function createBatchRoutes(deps: { batches: BatchService; receiveUpload: ReceiveUpload }): Router {
  const router = Router();

  // A refused batch throws its DomainError, which the app's error handler answers with its status and code.
  const submit = async (req: Request, res: Response) => {
    const upload = await receiveOrRefuse(deps.receiveUpload, req, res);
    if (!upload) return undefined;
    const { model, prompt, concurrency, fields, files, cleanup } = upload;
    return deps.batches.submit({ model, prompt, concurrency, fields, files, cleanup });
  };

  router.post('/api/analyze-batch', async (req, res) => {
    const outcome = await submit(req, res);
    if (!outcome) return;
    const { status, results, stats } = await outcome.done;
    if (status === 'running') {
      // The server stopped mid-batch: what is done is kept, the rest runs at the next start.
      const error = `The server is stopping: batch ${outcome.batchId} resumes when it restarts (GET /api/batches/${outcome.batchId}).`;
      res.status(statusOf('server-stopping')).json({ success: false, batch_id: outcome.batchId, error, code: 'server-stopping' });
      return;
    }
    // The seed's shape exactly: item error codes and the model's phrase are in the batch's views, events and exports.
    const seedResults = results.map(({ errorCode: _code, model_answer: _phrase, ...result }) => result);
    res.json({ success: true, batch_id: outcome.batchId, results: seedResults, stats });
  });

  router.post('/api/batches', async (req, res) => {
    const outcome = await submit(req, res);
    if (!outcome) return;
    res.status(202).location(`/api/batches/${outcome.batchId}`).json({ batchId: outcome.batchId });
  });

  return router;
}
