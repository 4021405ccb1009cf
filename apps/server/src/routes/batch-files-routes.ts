import { Router } from 'express';
import { exportBatch, exportLabels, isExportFormat, type BatchService, type ReviewService } from '@vision/core';
import { notFound } from '@vision/core/errors';
import { sendDomainError, sendRefusal } from '../http/refusal';

/** Downloads that are files rather than RPC answers: a batch's export and its thumbnails. */
export function createBatchFileRoutes(batches: BatchService, reviews: Pick<ReviewService, 'items'>): Router {
  const router = Router();

  router.get('/api/batches/:batchId/export', async (req, res) => {
    const format = String(req.query.format ?? 'json');
    if (!isExportFormat(format)) {
      sendRefusal(res, 'unknown-export-format', `Unknown export format "${format}": use csv, json or jsonl.`);
      return;
    }
    const view = await batches.get(req.params.batchId);
    if (!view) {
      sendDomainError(res, notFound('batch', req.params.batchId));
      return;
    }
    // `label` is what a person confirmed, else the model's answer; `?reviewed=only` keeps the confirmed rows.
    const labels = exportLabels(
      await reviews.items({ kind: 'batch', id: view.batchId }),
      new Map(view.items.map((item) => [item.index, item.label])),
    );
    const file = exportBatch(view, format, { labels, reviewedOnly: req.query.reviewed === 'only' });
    res.status(200).type(file.contentType).attachment(file.filename).set('Cache-Control', 'no-store').send(file.body);
  });

  router.get('/api/batches/:batchId/items/:index/thumbnail', async (req, res) => {
    const index = Number(req.params.index);
    const thumbnail = Number.isInteger(index) && index >= 0 ? await batches.thumbnail(req.params.batchId, index) : undefined;
    if (!thumbnail) {
      sendRefusal(res, 'thumbnail-not-found', 'No thumbnail for this image (yet).');
      return;
    }
    res.type('image/jpeg').set('Cache-Control', 'private, max-age=86400').send(thumbnail);
  });

  router.get('/api/batches/:batchId', async (req, res) => {
    const view = await batches.get(req.params.batchId);
    if (!view) sendDomainError(res, notFound('batch', req.params.batchId));
    else res.json(view);
  });

  return router;
}
