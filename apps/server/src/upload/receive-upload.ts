import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { BatchLimits, UploadedImage } from '@vision/core';
import type { ErrorCode } from '@vision/core/errors';
import { sendDomainError } from '../http/refusal';
import { MAX_PROMPT_BYTES, ZUploadFields, type FieldSpec } from '@vision/core/schemas';
import { readConcurrencyField } from './concurrency-field';
import { readFieldsField, readTruthField } from './fields-field';
import { checkSpaceFor, diskFull, freeBytes, isDiskFull, SPACE_RESERVE_BYTES } from './disk-space';
import { refuseUnread, watchDrainBudget } from './drain-budget';
import { beginUpload, createUploadStorage, UploadRejection } from './upload-storage';

export interface ReceivedUpload {
  model: string;
  prompt: string | undefined;
  /** The batch's own `concurrency` field, validated (1..16); undefined when not sent. */
  concurrency: number | undefined;
  /** The `fields` field, read and checked; undefined when not sent (today's entity question). */
  fields: FieldSpec[] | undefined;
  /** For a comparison: every model id sent (repeated `models` fields, or one comma-separated). */
  models: string[];
  /** Ground truth as CSV text (`filename,label`), when sent in the `labels` field. */
  labels: string | undefined;
  /** For a comparison with fields: the field the ground truth is for, checked against them. */
  truthField: string | undefined;
  files: UploadedImage[];
  /** Removes the request's private folder and everything in it. */
  cleanup: () => Promise<void>;
}

/** Text fields at most: a labels CSV for a large dataset is bigger than any prompt. */
const MAX_FIELD_BYTES = 1024 * 1024;

/**
 * Receives a multipart batch into a fresh private temporary folder (mode 0700). On any upload problem the
 * folder is removed before the error is thrown, so a refused request leaves nothing behind.
 */
export function createUploadReceiver(limits: BatchLimits, tmpRoot = os.tmpdir(), options: { dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? tmpRoot;
  const parse = multer({
    storage: createUploadStorage(limits),
    // Browsers send UTF-8 file names without saying so; busboy would read them as latin1.
    defParamCharset: 'utf8',
    // The name is only data (parts are stored under generated names), so keep it whole: busboy would otherwise
    // return "../../etc/passwd.png" or "<b>a</b>.png" as "passwd.png" or "b>.png", cut at the last / or \.
    preservePath: true,
    limits: { fields: 20, fieldSize: MAX_FIELD_BYTES, parts: limits.maxImagesPerBatch + 40, headerPairs: 200 },
  }).any();

  return async function receiveUpload(req: Request, res: Response): Promise<ReceivedUpload> {
    // A full disk is said before a byte is written, when the client declared the size (browsers and the CLI do).
    const length = Number(req.get('content-length') ?? Number.NaN);
    const declared = Number.isFinite(length) ? length : undefined;
    const noRoom = await checkSpaceFor(tmpRoot, dataDir, declared);
    if (noRoom) {
      refuseUnread(req, res);
      throw noRoom;
    }
    const dir = await mkdtemp(path.join(tmpRoot, 'vision-upload-'));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    const state = beginUpload(req, dir);
    let stopWatching = () => {};
    try {
      await new Promise<void>((resolve, reject) => {
        parse(req, res, (error: unknown) => (error ? reject(error) : resolve()));
        // Only now: multer has piped the body into busboy, so counting it takes nothing away from the parser.
        stopWatching = watchDrainBudget(req, res, state, limits.maxUploadBytes, reject);
      });
    } catch (error) {
      await cleanup();
      const rejection = toRejection(error);
      // The write's ENOSPC may reach multer first, through the part's stream, which the failed pipeline destroys.
      if (isDiskFull(error) || (rejection instanceof UploadRejection && rejection.code === 'storage-full')) {
        throw diskFull(dataDir, await freeBytes(tmpRoot), (declared ?? state.received) + SPACE_RESERVE_BYTES, true);
      }
      throw rejection;
    } finally {
      stopWatching();
    }
    const parts = (req.files as Express.Multer.File[] | undefined) ?? [];
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '');
    const texts = (value: unknown) =>
      (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === 'string');
    const fields = ZUploadFields.parse({
      model: text(body.model),
      prompt: text(body.prompt),
      concurrency: text(body.concurrency),
      models: texts(body.models),
      labels: text(body.labels),
      fields: text(body.fields),
      truthField: text(body.truthField),
    });
    if (Buffer.byteLength(fields.prompt ?? '') > MAX_PROMPT_BYTES) {
      await cleanup();
      throw new UploadRejection('prompt-too-long', `The prompt is too long: at most ${MAX_PROMPT_BYTES / 1024} KB.`);
    }
    let concurrency: number | undefined;
    let fieldList: FieldSpec[] | undefined;
    try {
      concurrency = readConcurrencyField(fields.concurrency);
      fieldList = readFieldsField(fields.fields);
      readTruthField(fieldList, fields.truthField);
    } catch (error) {
      await cleanup();
      throw error;
    }
    return {
      model: fields.model,
      prompt: fields.prompt,
      concurrency,
      fields: fieldList,
      models: fields.models,
      labels: fields.labels,
      truthField: fields.truthField,
      files: parts.map((part) => ({ filename: part.originalname, path: part.path, size: part.size })),
      cleanup,
    };
  };
}

function toRejection(error: unknown): Error {
  if (error instanceof UploadRejection) return error;
  if (error instanceof multer.MulterError) {
    const refusals: Partial<Record<string, [ErrorCode, string]>> = {
      LIMIT_FIELD_VALUE: [
        'field-too-long',
        `A text field is too long (the prompt may be at most ${MAX_PROMPT_BYTES / 1024} KB, the labels ${MAX_FIELD_BYTES / 1024 / 1024} MB).`,
      ],
      LIMIT_PART_COUNT: ['too-many-parts', 'The request has too many parts.'],
      LIMIT_FIELD_COUNT: ['too-many-parts', 'The request has too many fields.'],
    };
    const [code, message] = refusals[error.code] ?? ['malformed-upload', `Upload refused: ${error.message}.`];
    return new UploadRejection(code, message);
  }
  const message = error instanceof Error ? error.message : String(error);
  // busboy refuses a part header over 16 KB or with a control character in it, such as a NUL byte in a quoted file name.
  if (/Malformed part header/i.test(message)) {
    return new UploadRejection(
      'malformed-upload',
      'A part of the upload has a malformed or oversized header (such as a file name with a NUL byte or another control character): rename the file and retry.',
    );
  }
  // multer's wording for a client that went away mid-upload: nobody reads the answer, but it is not a server error.
  if (/^Request (aborted|closed)$/.test(message))
    return new UploadRejection('upload-interrupted', 'The upload was interrupted before it was complete.');
  // busboy's wording for a body that is not multipart, or breaks off.
  if (/multipart|boundary|content type|Unexpected end of (form|file)/i.test(message)) {
    return new UploadRejection('malformed-upload', `The request is not a complete multipart/form-data upload (${message}).`);
  }
  return error instanceof Error ? error : new Error(message);
}

/** Receives the upload, or answers the request's refusal (400/413/507 JSON) itself and returns `undefined`. */
export async function receiveOrRefuse(
  receive: (req: Request, res: Response) => Promise<ReceivedUpload>,
  req: Request,
  res: Response,
): Promise<ReceivedUpload | undefined> {
  try {
    return await receive(req, res);
  } catch (error) {
    if (!(error instanceof UploadRejection)) throw error;
    sendDomainError(res, error);
    return undefined;
  }
}
