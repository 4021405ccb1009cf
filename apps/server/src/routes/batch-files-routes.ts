import { Router } from 'express';
import {
  captionFileName,
  captionOf,
  captionSource,
  exportBatch,
  isExportFormat,
  type BatchService,
  type BatchView,
  type ReviewService,
} from '@vision/core';
import { sendRefusal } from '../http/refusal';
import { storedZip } from '../http/stored-zip';

/**
 * Downloads that are files rather than RPC answers: a batch's export and its thumbnails. An unknown batch or a
 * missing thumbnail is the service's thrown DomainError, which the app's error handler answers.
 */
export function createBatchFileRoutes(batches: BatchService, reviews: Pick<ReviewService, 'exportLabels'>): Router {
  const router = Router();

  router.get('/api/batches/:batchId/export', async (req, res) => {
    const format = String(req.query.format ?? 'json');
    if (!isExportFormat(format)) {
      sendRefusal(res, 'unknown-export-format', `Unknown export format "${format}": use csv, json or jsonl.`);
      return;
    }
    const view = await batches.get(req.params.batchId);
    // `label` is what a person confirmed, else the model's answer (with fields: the first label field's), and each
    // reviewed field has its own; `?reviewed=only` keeps the rows decided on (`&field=<name>`: on that field).
    const reviewedField = typeof req.query.field === 'string' ? req.query.field : undefined;
    const given = new Map(view.items.map((item) => [item.index, item.label]));
    const { labels, fieldLabels } = await reviews.exportLabels({ kind: 'batch', id: view.batchId }, given, reviewedField);
    const file = exportBatch(view, format, { labels, fieldLabels, reviewedOnly: req.query.reviewed === 'only', reviewedField });
    res.status(200).type(file.contentType).attachment(file.filename).set('Cache-Control', 'no-store').send(file.body);
  });

  // The caption tools' convention, one <image>.txt per captioned image, zipped for a browser to save at once.
  router.get('/api/batches/:batchId/captions.zip', async (req, res) => {
    const view = await batches.get(req.params.batchId);
    const source = captionSource(view.fields);
    if (!source) {
      sendRefusal(res, 'unknown-export-format', 'This batch asks no caption or tags field, so it has no captions to export.');
      return;
    }
    const name = `vision-captions-${view.batchId.slice(0, 8)}.zip`;
    res
      .status(200)
      .type('application/zip')
      .attachment(name)
      .set('Cache-Control', 'no-store')
      .send(storedZip(captionEntries(view, source)));
  });

  router.get('/api/batches/:batchId/items/:index/thumbnail', async (req, res) => {
    const thumbnail = await batches.thumbnail(req.params.batchId, Number(req.params.index));
    res.type('image/jpeg').set('Cache-Control', 'private, max-age=86400').send(thumbnail);
  });

  router.get('/api/batches/:batchId/items/:index/image', async (req, res) => {
    const image = await batches.preparedImage(req.params.batchId, Number(req.params.index));
    res.type('image/jpeg').set('Cache-Control', 'private, max-age=86400').send(image);
  });

  router.get('/api/batches/:batchId', async (req, res) => {
    res.json(await batches.get(req.params.batchId));
  });

  return router;
}

/**
 * One caption file per image that has a caption, named after the image's own name (its folders dropped, so no
 * name leaves the archive's root); a name used twice (two uploads called the same) is numbered.
 */
function captionEntries(view: BatchView, source: NonNullable<ReturnType<typeof captionSource>>) {
  const taken = new Set<string>();
  return view.items.flatMap((item) => {
    const caption = captionOf(item.result, source);
    if (caption === undefined) return [];
    const image = item.filename.split(/[\\/]/).pop() || `image-${item.index}`;
    let name = captionFileName(image);
    for (let copy = 2; taken.has(name); copy++) name = captionFileName(`${image}-${copy}`);
    taken.add(name);
    return [{ name, data: Buffer.from(`${caption}\n`, 'utf8') }];
  });
}
