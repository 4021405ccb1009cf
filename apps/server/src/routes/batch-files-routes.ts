import { Router } from 'express';
import { exportBatch, exportLabels, isExportFormat, type BatchService, type ReviewService } from '@vision/core';
import { sendRefusal } from '../http/refusal';

/**
 * Downloads that are files rather than RPC answers: a batch's export and its thumbnails. An unknown batch or a
 * missing thumbnail is the service's thrown DomainError, which the app's error handler answers.
 */
export function createBatchFileRoutes(batches: BatchService, reviews: Pick<ReviewService, 'items'>): Router {
  const router = Router();

  router.get('/api/batches/:batchId/export', async (req, res) => {
    const format = String(req.query.format ?? 'json');
    if (!isExportFormat(format)) {
      sendRefusal(res, 'unknown-export-format', `Unknown export format "${format}": use csv, json or jsonl.`);
      return;
    }
    const view = await batches.get(req.params.batchId);
    // `label` is what a person confirmed, else the model's answer; `?reviewed=only` keeps the confirmed rows.
    const labels = exportLabels(
      await reviews.items({ kind: 'batch', id: view.batchId }),
      new Map(view.items.map((item) => [item.index, item.label])),
    );
    const file = exportBatch(view, format, { labels, reviewedOnly: req.query.reviewed === 'only' });
    res.status(200).type(file.contentType).attachment(file.filename).set('Cache-Control', 'no-store').send(file.body);
  });

  router.get('/api/batches/:batchId/items/:index/thumbnail', async (req, res) => {
    const thumbnail = await batches.thumbnail(req.params.batchId, Number(req.params.index));
    res.type('image/jpeg').set('Cache-Control', 'private, max-age=86400').send(thumbnail);
  });

  router.get('/api/batches/:batchId', async (req, res) => {
    res.json(await batches.get(req.params.batchId));
  });

  return router;
}
