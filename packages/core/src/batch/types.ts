/** One image's outcome, in the seed API's field names (snake_case is part of the public contract). */
export interface ItemResult {
  filename: string;
  index: number;
  entity: string | null;
  raw_answer: string | null;
  /** Seconds this image took: its preparation plus its request to LM Studio (queue wait excluded). */
  processing_time: number;
  success: boolean;
  error: string | null;
  tokens_per_second: number | null;
  /** Seconds from the request leaving to the first streamed token. */
  time_to_first_token: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  /**
   * Seconds the image waited for a free request slot (its batch's own, then the one shared by all batches),
   * counted from the start of the run that sent it, less the time spent waiting for its own preparation.
   */
  queue_time: number | null;
  /** Seconds spent decoding, rotating, resizing and encoding the image. */
  preparation_time: number | null;
  /** Seconds from the first token to the last. */
  generation_time: number | null;
  /** The server that answered (base URL) and its kind (`lmstudio`, `ollama`, ...); absent in older records. */
  host?: string | null;
  host_kind?: string | null;
}

export interface BatchStats {
  total_images: number;
  successful: number;
  /** Images that were tried and failed (a cancelled image is counted under `cancelled`, not here). */
  failed: number;
  cancelled: number;
  /** Sum of the items' processing times, in seconds. */
  total_processing_time: number;
  average_processing_time: number;
  /** Seconds the batch ran, from its start to its last item finishing (summed over resumed runs). */
  wall_time: number;
  /** Images finished per minute of wall time. */
  images_per_minute: number;
}

export type ItemStatus = 'queued' | 'running' | 'success' | 'error' | 'cancelled';
export type BatchStatus = 'queued' | 'running' | 'completed' | 'cancelled';

export type BatchProgressEvent =
  | { type: 'batch-started'; batchId: string; total: number; model: string; concurrency: number; resumed: boolean; retry: boolean }
  /** The image's request is leaving for LM Studio (or its preparation failed and it is about to finish). */
  | { type: 'item-started'; batchId: string; index: number; filename: string }
  | { type: 'item-finished'; batchId: string; result: ItemResult }
  | { type: 'batch-finished'; batchId: string; status: BatchStatus; stats: BatchStats };
