import type { Socket } from 'node:net';
import type { Request, Response } from 'express';
import { formatMegabytes } from '@vision/core';
import { UploadRejection, type UploadState } from './upload-storage';

/**
 * How much more of a body is read once the upload is refused (or passes the size limit). multer reads a refused
 * body to its end before answering, so the client reads the answer instead of a reset connection; without a
 * budget a client streaming gigabytes would keep the server reading for as long as it likes.
 */
export const DRAIN_BUDGET_BYTES = 64 * 1024 * 1024;

/** How long a client answered before it finished sending gets to read the answer before its connection closes. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Counts the request body as it is read. Past the budget it stops reading (TCP then holds the client back instead
 * of resetting it), hands `stop` the refusal so the route answers at once, and closes the connection after the
 * answer is out. Returns a function that stops counting.
 */
export function watchDrainBudget(
  req: Request,
  res: Response,
  state: UploadState,
  maxUploadBytes: number,
  stop: (error: UploadRejection) => void,
): () => void {
  const onData = (chunk: Buffer) => {
    state.received += chunk.length;
    const refusedAt = Math.min(state.refusal?.atBytes ?? Number.POSITIVE_INFINITY, maxUploadBytes);
    if (state.received <= refusedAt + DRAIN_BUDGET_BYTES) return;
    req.off('data', onData);
    stopReading(req);
    res.once('finish', () => closeAfterGrace(req.socket));
    stop(
      state.refusal?.error ??
        new UploadRejection('upload-too-large', `The upload is too large: the limit is ${formatMegabytes(maxUploadBytes)} in all.`),
    );
  };
  req.on('data', onData);
  return () => req.off('data', onData);
}

/** Answers a request refused before its body was read: none of it is read, and the connection closes after the answer. */
export function refuseUnread(req: Request, res: Response): void {
  stopReading(req);
  res.once('finish', () => closeAfterGrace(req.socket));
}

/**
 * Nothing reads the body any more: once its small buffer is full, Node pauses the socket and the client's
 * sending blocks. (multer's drain reads through 'readable' and 'data' listeners; pipes go through 'data'.)
 */
function stopReading(req: Request): void {
  req.unpipe();
  req.removeAllListeners('readable');
  req.removeAllListeners('data');
  req.pause();
}

/**
 * Half-closes, so the client reads the answer and then the end of the connection; closing outright with unread
 * bytes would send a TCP reset that can destroy the answer before the client reads it. A client that neither
 * stops nor leaves is cut off after the grace period.
 */
function closeAfterGrace(socket: Socket): void {
  socket.end();
  setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
}
