import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { BatchLimits, UploadedImage } from '@vision/core';
import { beginUpload, createUploadStorage, UploadRejection } from './upload-storage';

export interface ReceivedUpload {
  model: string;
  prompt: string | undefined;
  files: UploadedImage[];
  /** Removes the request's private folder and everything in it. */
  cleanup: () => Promise<void>;
}

const MAX_PROMPT_BYTES = 16 * 1024;

/**
 * Receives a multipart batch into a fresh private temporary folder (mode 0700). On any upload problem the
 * folder is removed before the error is thrown, so a refused request leaves nothing behind.
 */
export function createUploadReceiver(limits: BatchLimits, tmpRoot = os.tmpdir()) {
  const parse = multer({
    storage: createUploadStorage(limits),
    // Browsers send UTF-8 file names without saying so; busboy would read them as latin1.
    defParamCharset: 'utf8',
    limits: { fields: 20, fieldSize: MAX_PROMPT_BYTES, parts: limits.maxImagesPerBatch + 40, headerPairs: 200 },
  }).any();

  return async function receiveUpload(req: Request, res: Response): Promise<ReceivedUpload> {
    const dir = await mkdtemp(path.join(tmpRoot, 'vision-upload-'));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    beginUpload(req, dir);
    try {
      await new Promise<void>((resolve, reject) => parse(req, res, (error: unknown) => (error ? reject(error) : resolve())));
    } catch (error) {
      await cleanup();
      throw toRejection(error);
    }
    const parts = (req.files as Express.Multer.File[] | undefined) ?? [];
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '');
    const prompt = text(body.prompt).trim();
    return {
      model: text(body.model).trim(),
      prompt: prompt || undefined,
      files: parts.map((part) => ({ filename: part.originalname, path: part.path, size: part.size })),
      cleanup,
    };
  };
}

function toRejection(error: unknown): Error {
  if (error instanceof UploadRejection) return error;
  if (error instanceof multer.MulterError) {
    const messages: Partial<Record<string, string>> = {
      LIMIT_FIELD_VALUE: `A text field is too long (the prompt may be at most ${MAX_PROMPT_BYTES / 1024} KB).`,
      LIMIT_PART_COUNT: 'The request has too many parts.',
      LIMIT_FIELD_COUNT: 'The request has too many fields.',
    };
    return new UploadRejection(400, messages[error.code] ?? `Upload refused: ${error.message}.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  // busboy's wording for a body that is not multipart, or breaks off.
  if (/multipart|boundary|Unexpected end of form/i.test(message)) {
    return new UploadRejection(400, `The request is not a complete multipart/form-data upload (${message}).`);
  }
  return error instanceof Error ? error : new Error(message);
}
