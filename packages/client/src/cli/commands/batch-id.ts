import { UsageError } from '../usage-error';

/** The one `<batch-id>` argument of show, export, cancel and retry. */
export function singleBatchId(command: string, positionals: readonly string[]): string {
  const [batchId, ...extra] = positionals;
  if (!batchId) throw new UsageError(`${command} needs a batch id: "vision-batch batches" lists them.`);
  if (extra.length > 0) throw new UsageError(`${command} takes one batch id (got ${positionals.join(' ')}).`);
  return batchId;
}
