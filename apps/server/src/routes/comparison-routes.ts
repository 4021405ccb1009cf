import { Router, type Request, type Response } from 'express';
import { exportComparison, isComparisonExportFormat, parseLabelsCsv, type ComparisonService } from '@vision/core';
import { sendRefusal } from '../http/refusal';
import { receiveOrRefuse, type ReceivedUpload } from '../upload/receive-upload';

type ReceiveUpload = (req: Request, res: Response) => Promise<ReceivedUpload>;

/**
 * `POST /api/comparisons`: one upload, several models (`models`, repeated or comma-separated), optional ground
 * truth as CSV text in `labels` (`filename,label`); answers 202 with the comparison and its batches. What the
 * service refuses it throws as a DomainError, which the app's error handler answers.
 */
export function createComparisonRoutes(deps: { comparisons: ComparisonService; receiveUpload: ReceiveUpload }): Router {
  const router = Router();

  router.post('/api/comparisons', async (req, res) => {
    const upload = await receiveOrRefuse(deps.receiveUpload, req, res);
    if (!upload) return;
    const truth = upload.labels ? parseLabelsCsv(upload.labels) : undefined;
    const submitted = await deps.comparisons.submit({
      models: upload.models.length ? upload.models : [upload.model],
      prompt: upload.prompt,
      files: upload.files,
      labels: truth?.labels,
      concurrency: upload.concurrency,
      cleanup: upload.cleanup,
    });
    res.status(202).json({
      comparisonId: submitted.comparisonId,
      batchIds: submitted.batchIds,
      labelProblems: truth?.problems ?? [],
      labelIssues: truth?.issues ?? [],
    });
  });

  router.get('/api/comparisons/:comparisonId/export', async (req, res) => {
    const format = String(req.query.format ?? 'json');
    if (!isComparisonExportFormat(format)) {
      sendRefusal(res, 'unknown-export-format', `Unknown export format "${format}": use csv, summary or json.`);
      return;
    }
    const file = exportComparison(await deps.comparisons.get(req.params.comparisonId), format);
    res.status(200).type(file.contentType).attachment(file.filename).set('Cache-Control', 'no-store').send(file.body);
  });

  return router;
}
