import { Router, type Request, type Response } from 'express';
import { exportComparison, isComparisonExportFormat, parseLabelsCsv, type ComparisonService, type ReviewService } from '@vision/core';
import { sendRefusal } from '../http/refusal';
import { receiveOrRefuse, type ReceivedUpload } from '../upload/receive-upload';

type ReceiveUpload = (req: Request, res: Response) => Promise<ReceivedUpload>;

/**
 * `POST /api/comparisons`: one upload, several models (`models`, repeated or comma-separated), optional ground
 * truth as CSV text in `labels` (`filename,label`); answers 202 with the comparison and its batches. What the
 * service refuses it throws as a DomainError, which the app's error handler answers.
 */
export function createComparisonRoutes(deps: {
  comparisons: ComparisonService;
  reviews: Pick<ReviewService, 'exportLabels'>;
  receiveUpload: ReceiveUpload;
}): Router {
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
      fields: upload.fields,
      truthField: upload.truthField,
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
    // `?groundTruth=confirmed` judges every model against what a person confirmed, as the view does.
    const groundTruth = req.query.groundTruth === 'confirmed' ? 'confirmed' : 'labels';
    const view = await deps.comparisons.get(req.params.comparisonId, { groundTruth });
    // As a batch's: each reviewed field's own columns, `&field=<name>` to keep the rows decided on that field.
    const reviewedField = typeof req.query.field === 'string' ? req.query.field : undefined;
    const given = new Map(view.images.map((image) => [image.index, image.label]));
    const { labels, fieldLabels } = await deps.reviews.exportLabels({ kind: 'comparison', id: view.comparisonId }, given, reviewedField);
    const file = exportComparison(view, format, { labels, fieldLabels, reviewedOnly: req.query.reviewed === 'only', reviewedField });
    res.status(200).type(file.contentType).attachment(file.filename).set('Cache-Control', 'no-store').send(file.body);
  });

  return router;
}
