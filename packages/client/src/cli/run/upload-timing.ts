/**
 * The next batch is uploaded once the running one has this share of its images left. The server serves the
 * batches it holds in turn, so a batch sent at once would run beside the first and both would end together,
 * leaving the GPU idle during the third's upload. Sent when 40% is done, it has the rest to arrive and be
 * prepared; from then on each upload starts about as the batch before ends, with the running one's last 40% still
 * ahead. Earlier is not better on its own: an upload (90 MB through both processes) takes CPU from the running
 * batch's image preparation.
 */
export const UPLOAD_NEXT_WHEN_LEFT = 0.6;

/**
 * On a busy machine an upload can take most of a batch's run: then the next one goes up as soon as the running
 * batch's images left, at its pace so far, would take less than this many times the last upload.
 */
export const UPLOAD_LEAD = 2;

export interface RunningBatch {
  size: number;
  /** Images of it that have a result (or ended otherwise). */
  finished: number;
  /** When the server took it (Date.now()). */
  startedAt: number;
}

/** Whether to start uploading the next batch now (the caller also keeps to two batches on the server). */
export function timeToUpload(running: readonly RunningBatch[], lastUploadMs: number | undefined, now: number): boolean {
  return running.every((batch) => {
    const left = batch.size - batch.finished;
    if (left <= batch.size * UPLOAD_NEXT_WHEN_LEFT) return true;
    if (lastUploadMs === undefined || batch.finished < 3) return false; // too few results for a pace
    const msPerImage = (now - batch.startedAt) / batch.finished;
    return left * msPerImage <= lastUploadMs * UPLOAD_LEAD;
  });
}
