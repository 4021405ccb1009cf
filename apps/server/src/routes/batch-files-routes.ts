import { Router } from 'express';
import { EXPORT_FORMATS, exportBatch, type BatchService, type ExportFormat } from '@vision/core';

/** Downloads that are files rather than RPC answers: a batch's export and its thumbnails. */
export function createBatchFileRoutes(batches: BatchService): Router {
  const router = Router();

  router.get('/api/batches/:batchId/export', async (req, res) => {
    const format = String(req.query.format ?? 'json');
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      res.status(400).json({ success: false, error: `Unknown export format "${format}": use csv, json or jsonl.` });
      return;
    }
    const view = await batches.get(req.params.batchId);
    if (!view) {
      res.status(404).json({ success: false, error: `No batch with id "${req.params.batchId}".` });
      return;
    }
    const file = exportBatch(view, format as ExportFormat);
    res
      .status(200)
      .type(file.contentType)
      .attachment(file.filename)
      .set('Cache-Control', 'no-store')
      .send(file.body);
  });

  router.get('/api/batches/:batchId/items/:index/thumbnail', async (req, res) => {
    const index = Number(req.params.index);
    const thumbnail = Number.isInteger(index) && index >= 0 ? await batches.thumbnail(req.params.batchId, index) : undefined;
    if (!thumbnail) {
      res.status(404).json({ success: false, error: 'No thumbnail for this image (yet).' });
      return;
    }
    res.type('image/jpeg').set('Cache-Control', 'private, max-age=86400').send(thumbnail);
  });

  router.get('/api/batches/:batchId', async (req, res) => {
    const view = await batches.get(req.params.batchId);
    if (!view) res.status(404).json({ success: false, error: `No batch with id "${req.params.batchId}".` });
    else res.json(view);
  });

  return router;
}
