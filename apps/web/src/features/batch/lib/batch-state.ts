import type { TBatchProgressEvent, TBatchStats, TBatchView, TItemResult } from '@vision/api-contract';
import { canRunAgain } from '@vision/core/can-run-again';
import { isCancelled } from '@vision/core/stats';

export type ItemStatus = TBatchView['items'][number]['status'];
export type BatchStatus = TBatchView['status'];

export interface ItemState {
  index: number;
  filename: string;
  size: number;
  status: ItemStatus;
  result: TItemResult | null;
  /** When this browser saw the item start (for its live clock); null when not running. */
  startedAt: number | null;
  /**
   * Whether a retry would run it again: the server's view says so (it checks its files); an item that finished
   * since is judged from its result the same way (`canRunAgain`).
   */
  retryable: boolean;
}

export interface BatchState {
  batchId: string;
  model: string;
  status: BatchStatus;
  createdAt: string;
  /** The comparison this batch is one model's run of, if any. */
  comparisonId: string | null;
  /** The questions the batch asks; absent for the main entity. */
  fields?: TBatchView['fields'];
  items: ItemState[];
  /** The server's final figures; null while a run is going (the page computes live ones). */
  stats: TBatchStats | null;
  /** When the current run began, in this browser's clock (ms); drives the elapsed time. */
  runStartedAt: number;
  /** Items already finished when the current run began: a retry's estimate counts only its own. */
  finishedBeforeRun: number;
  lastEventId: string | null;
}

export type BatchAction =
  { type: 'snapshot'; view: TBatchView } | { type: 'event'; id: string; event: TBatchProgressEvent; receivedAt: number };

export const isActive = (status: BatchStatus): boolean => status === 'queued' || status === 'running';
export const isFinished = (status: ItemStatus): boolean => status === 'success' || status === 'error' || status === 'cancelled';

export const statusOfResult = (result: TItemResult): ItemStatus =>
  result.success ? 'success' : isCancelled(result) ? 'cancelled' : 'error';

export function stateFromView(view: TBatchView): BatchState {
  const items = view.items.map((item) => ({ ...item, startedAt: item.status === 'running' ? Date.now() : null }));
  return {
    batchId: view.batchId,
    model: view.model,
    status: view.status,
    createdAt: view.createdAt,
    comparisonId: view.comparisonId,
    ...(view.fields ? { fields: view.fields } : {}),
    items,
    stats: view.stats,
    runStartedAt: Date.parse(view.createdAt) || Date.now(),
    finishedBeforeRun: 0,
    lastEventId: null,
  };
}

/**
 * Seeded once from `batches.get`, then fed every event of `batches.onProgress`, replayed ones included:
 * applying the whole log in order lands on the batch's current state, whatever the snapshot said.
 */
export function batchReducer(state: BatchState | null, action: BatchAction): BatchState | null {
  if (action.type === 'snapshot') return stateFromView(action.view);
  if (!state) return state;
  const next = applyEvent(state, action.event, action.receivedAt);
  return { ...next, lastEventId: action.id };
}

function applyEvent(state: BatchState, event: TBatchProgressEvent, receivedAt: number): BatchState {
  switch (event.type) {
    case 'batch-started': {
      const items = state.items.map((item) => {
        // A retry runs again the items that can run again (not a refused file); a resumed run restarts the interrupted ones.
        const again = (event.retry && item.retryable) || (event.resumed && item.status === 'running');
        return again ? { ...item, status: 'queued' as const, result: null, startedAt: null, retryable: false } : item;
      });
      const restarted = event.retry || event.resumed;
      return {
        ...state,
        model: event.model,
        status: 'running',
        items,
        stats: null,
        runStartedAt: restarted ? receivedAt : state.runStartedAt,
        finishedBeforeRun: restarted ? items.filter((item) => isFinished(item.status)).length : 0,
      };
    }
    case 'item-started':
      return updateItem(state, event.index, (item) => ({
        ...item,
        status: 'running',
        result: null,
        startedAt: receivedAt,
        retryable: false,
      }));
    case 'item-finished':
      return updateItem(state, event.result.index, (item) => {
        const status = statusOfResult(event.result);
        return { ...item, status, result: event.result, startedAt: null, retryable: canRunAgain({ status, result: event.result }) };
      });
    case 'batch-finished':
      return {
        ...state,
        status: event.status,
        stats: event.stats,
        items: state.items.map((item) =>
          isFinished(item.status) ? item : { ...item, status: 'cancelled', startedAt: null, retryable: true },
        ),
      };
  }
}

function updateItem(state: BatchState, index: number, change: (item: ItemState) => ItemState): BatchState {
  if (!state.items.some((item) => item.index === index)) return state;
  return { ...state, items: state.items.map((item) => (item.index === index ? change(item) : item)) };
}
