import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { formatMegabytes, type BatchLimits } from '@vision/core';
import { DomainError } from '@vision/core/errors';
import { isDiskFull } from './disk-space';

export const IMAGE_FIELDS = new Set(['images[]', 'images']);

/** A whole-request upload problem, answered (with its code's status) before the batch exists. */
export class UploadRejection extends DomainError {}

export interface UploadState {
  dir: string;
  files: number;
  bytes: number;
  /** Bytes of the request body read so far (files, fields and multipart framing); see drain-budget.ts. */
  received: number;
  /** The first refusal, and how much of the body had been read when it happened. */
  refusal?: { error: UploadRejection; atBytes: number };
}

const uploadStates = new WeakMap<Request, UploadState>();

export function beginUpload(req: Request, dir: string): UploadState {
  const state: UploadState = { dir, files: 0, bytes: 0, received: 0 };
  uploadStates.set(req, state);
  return state;
}

function refuse(state: UploadState, error: UploadRejection): UploadRejection {
  state.refusal ??= { error, atBytes: state.received };
  return error;
}

/**
 * Streams each part to the request's private folder under a generated name (the user's file name is never
 * a path), counting as it goes: the moment the batch passes its file count or total size, the part is
 * cut off and its partial file removed, so nothing past the limit is kept.
 */
export function createUploadStorage(limits: BatchLimits): StorageEngine {
  return {
    _handleFile(req, file, callback) {
      const state = uploadStates.get(req as Request);
      if (!state) return callback(new Error('upload state missing'));
      const fail = (error: Error) => {
        file.stream.resume();
        callback(error);
      };
      if (!IMAGE_FIELDS.has(file.fieldname)) {
        return fail(
          refuse(
            state,
            new UploadRejection('unexpected-file-field', `Unexpected file field "${file.fieldname}": send images as "images[]".`),
          ),
        );
      }
      if (file.originalname.includes('\0')) {
        return fail(
          refuse(
            state,
            new UploadRejection(
              'invalid-file-name',
              'A file name contains a NUL byte, which no file system allows; rename the file and retry.',
            ),
          ),
        );
      }
      if (state.files >= limits.maxImagesPerBatch) {
        return fail(
          refuse(state, new UploadRejection('too-many-images', `Too many images: a batch takes at most ${limits.maxImagesPerBatch}.`)),
        );
      }
      const target = path.join(state.dir, `${String(state.files).padStart(3, '0')}.upload`);
      state.files += 1;
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, next) {
          size += chunk.length;
          state.bytes += chunk.length;
          if (state.bytes > limits.maxUploadBytes) {
            next(
              refuse(
                state,
                new UploadRejection(
                  'upload-too-large',
                  `The upload is too large: the limit is ${formatMegabytes(limits.maxUploadBytes)} in all.`,
                ),
              ),
            );
            return;
          }
          next(null, chunk);
        },
      });
      pipeline(file.stream, counter, createWriteStream(target, { flags: 'wx', mode: 0o600 }))
        .then(() => callback(null, { path: target, size }))
        .catch(async (error: Error) => {
          file.stream.resume();
          await rm(target, { force: true });
          // The receiver words it once the upload's folder is gone and the space is back (see receive-upload.ts).
          callback(isDiskFull(error) ? refuse(state, new UploadRejection('storage-full', 'DATA_DIR is full')) : error);
        });
    },
    _removeFile(_req, file, callback) {
      rm(file.path, { force: true }).then(() => callback(null), callback);
    },
  };
}
