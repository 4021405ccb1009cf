import type { BatchProgressEvent } from './types';

export interface LoggedEvent {
  /** Position in the batch's log, from 1; the SSE event id a reconnecting client sends back. */
  id: number;
  event: BatchProgressEvent;
}
