import { setTimeout as sleep } from 'node:timers/promises';
import { TRPCClientError, type TRPCClient } from '@trpc/client';
import type { AppRouter, TBatchProgressEvent } from '@vision/api-contract';
import { AsyncQueue } from './async-queue';
import { ConnectionError, findCause, isConnectionError } from './errors';

export interface ProgressEntry {
  /** The server's event id: pass the last one seen as `lastEventId` to resume after it. */
  id: string;
  event: TBatchProgressEvent;
}

export interface FollowBatchOptions {
  signal?: AbortSignal | undefined;
  /** Start after this event; by default every event of the batch from its first. */
  lastEventId?: string | undefined;
  /** Give up when no connection could be made for this long (default 60 s). */
  reconnectTimeoutMs?: number | undefined;
  /** Told before each reconnection attempt, e.g. to show "connection lost, retrying". */
  onReconnecting?: ((info: { attempt: number; error: Error; lastEventId: string | undefined }) => void) | undefined;
}

interface FollowContext {
  trpc: TRPCClient<AppRouter>;
  serverUrl: string;
}

type SessionMessage = { type: 'connected' } | { type: 'event'; entry: ProgressEntry } | { type: 'dropped'; error: Error };

const RECONNECT_DELAYS_MS = [0, 250, 500, 1_000, 2_000];
const DEFAULT_RECONNECT_TIMEOUT_MS = 60_000;
const HEALTHY_CONNECTION_MS = 5_000;

/**
 * Every progress event of a batch, in order and each once, until the batch's final event. A dropped
 * connection is reopened after the last event received (the server replays what was missed), so a restart
 * of the server or a flaky network costs a pause, not events. Ends quietly when the server says the batch
 * has nothing more to send; rejects with a ConnectionError when the server stays unreachable, and with the
 * signal's reason when aborted.
 */
export async function* followBatch(
  context: FollowContext,
  batchId: string,
  options: FollowBatchOptions = {},
): AsyncGenerator<ProgressEntry, void, undefined> {
  const { signal } = options;
  const reconnectTimeoutMs = options.reconnectTimeoutMs ?? DEFAULT_RECONNECT_TIMEOUT_MS;
  let lastEventId = options.lastEventId;
  let lastType: TBatchProgressEvent['type'] | undefined;
  let failingSince: number | undefined;
  let attempt = 0;

  while (true) {
    signal?.throwIfAborted();
    const session = openProgressSession(context.trpc, batchId, lastEventId, signal);
    let dropped: Error | undefined;
    let received = 0;
    let connectedAt: number | undefined;
    try {
      for await (const message of session.messages) {
        if (message.type === 'connected') {
          connectedAt = Date.now();
        } else if (message.type === 'dropped') {
          dropped = message.error;
          break;
        } else {
          received += 1;
          lastEventId = message.entry.id;
          lastType = message.entry.event.type;
          yield message.entry;
        }
      }
    } finally {
      session.close();
    }
    // The server ends the stream only when the batch has nothing more to send.
    if (!dropped && (lastType === 'batch-finished' || received === 0)) return;

    const error = dropped ?? new Error(`The progress stream of batch ${batchId} ended before the batch finished.`);
    // A server that accepts and at once drops the stream is no better than one that refuses it.
    if (received > 0 || (connectedAt !== undefined && Date.now() - connectedAt >= HEALTHY_CONNECTION_MS)) {
      failingSince = undefined;
      attempt = 0;
    }
    failingSince ??= Date.now();
    if (Date.now() - failingSince >= reconnectTimeoutMs) throw giveUp(context.serverUrl, error);
    options.onReconnecting?.({ attempt: attempt + 1, error, lastEventId });
    await sleep(RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)], undefined, { signal });
    attempt += 1;
  }
}

function openProgressSession(
  trpc: TRPCClient<AppRouter>,
  batchId: string,
  lastEventId: string | undefined,
  signal: AbortSignal | undefined,
) {
  const messages = new AsyncQueue<SessionMessage>();
  const subscription = trpc.batches.onProgress.subscribe(
    { batchId, lastEventId },
    {
      onStarted: () => messages.push({ type: 'connected' }),
      onData: (tracked) => messages.push({ type: 'event', entry: { id: tracked.id, event: tracked.data } }),
      // The EventSource lost its connection and would retry on its own: we reopen at once instead, after
      // the last event we saw, under our own backoff and time limit.
      onConnectionStateChange: (state) => {
        if (state.state === 'connecting' && state.error) messages.push({ type: 'dropped', error: state.error });
      },
      onError: (error) =>
        isWorthRetrying(error) ? messages.push({ type: 'dropped', error }) : messages.fail(streamRefusal(error, batchId)),
      onComplete: () => messages.end(),
    },
  );
  const onAbort = () => messages.fail(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    messages,
    close: () => {
      signal?.removeEventListener('abort', onAbort);
      subscription.unsubscribe();
    },
  };
}

/** The HTTP status of a refused stream, as the EventSource reports it (`ErrorEvent.code`). */
function refusedStatus(error: unknown): number | undefined {
  return findCause(error, (cause): cause is { code: number } => typeof (cause as { code?: unknown })?.code === 'number')?.code;
}

function isWorthRetrying(error: TRPCClientError<AppRouter>): boolean {
  if (isConnectionError(error)) return true;
  if (error.data) return false; // The procedure itself answered with an error (unknown batch, bad input).
  const status = refusedStatus(error);
  return status === undefined || status >= 500;
}

function streamRefusal(error: TRPCClientError<AppRouter>, batchId: string): Error {
  const status = refusedStatus(error);
  if (status === 401 || status === 403) {
    return new TRPCClientError(
      `The server refused the progress stream of batch ${batchId} (HTTP ${status}): pass --token or set VISION_TOKEN.`,
      { cause: error },
    );
  }
  return error;
}

function giveUp(serverUrl: string, error: Error): Error {
  if (isConnectionError(error)) return error;
  // The EventSource flattens a failed fetch into an ErrorEvent without a status: the server is not there.
  if (refusedStatus(error) === undefined && error instanceof TRPCClientError) return new ConnectionError(serverUrl, error);
  return error;
}
