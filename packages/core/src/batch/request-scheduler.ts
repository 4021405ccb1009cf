/**
 * How many requests a batch may have in flight, and how many LM Studio serves at once as far as the server
 * knows (see `chooseConcurrency`).
 */
export interface LaneLimits {
  concurrency: number;
  serverSlots: number;
}

export interface RequestSchedulerOptions {
  /**
   * A fixed number of requests in flight against LM Studio, all batches together. By default it is the largest
   * of the open batches' `concurrency` and `serverSlots`: with every batch on the defaults, LM Studio's own
   * parallel slots (or LMSTUDIO_CONCURRENCY), so no request waits inside LM Studio where its deadline would run;
   * a batch that asks for more raises it while it runs, since it asked LM Studio to queue that much.
   */
  slots?: number;
}

/** One batch's place in the scheduler. */
export interface RequestLane {
  /**
   * Resolves with a release function once this batch may send one more request: the batch's requests go in
   * the order they asked (FIFO), batches take turns. Rejects with the signal's reason if it aborts first.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** The batch is done asking; its lane leaves the rotation once its last slot is released. */
  close(): void;
}

export interface SchedulerSnapshot {
  slots: number;
  inFlight: number;
  /** Waiting requests per lane id, lanes in the order they will next be served. */
  waiting: Array<{ id: string; waiting: number; inFlight: number }>;
}

export interface RequestScheduler {
  openLane(id: string, limits: LaneLimits): RequestLane;
  snapshot(): SchedulerSnapshot;
}

interface Waiter {
  grant: () => void;
}

interface Lane {
  id: string;
  limits: LaneLimits;
  inFlight: number;
  waiters: Waiter[];
  closed: boolean;
}

/**
 * The process-wide gate in front of LM Studio. Batches are served round-robin (the lane served longest ago
 * goes first, a new lane counts as never served), so four clients uploading at once each get about a quarter
 * of the model and none starves behind another's 35 images; within a batch, requests keep their order.
 */
export function createRequestScheduler(options: RequestSchedulerOptions = {}): RequestScheduler {
  // Least recently served first.
  const lanes: Lane[] = [];
  let inFlight = 0;

  const capacity = (): number => {
    if (options.slots !== undefined) return Math.max(1, Math.floor(options.slots));
    const open = lanes.filter((lane) => !lane.closed);
    return Math.max(1, ...open.map((lane) => Math.max(lane.limits.concurrency, lane.limits.serverSlots)));
  };

  const pump = (): void => {
    while (inFlight < capacity()) {
      const lane = lanes.find((candidate) => candidate.waiters.length > 0 && candidate.inFlight < candidate.limits.concurrency);
      if (!lane) return;
      lanes.splice(lanes.indexOf(lane), 1);
      lanes.push(lane);
      lane.waiters.shift()?.grant();
    }
  };

  const removeIfDone = (lane: Lane): void => {
    if (lane.closed && lane.inFlight === 0 && lane.waiters.length === 0) {
      const index = lanes.indexOf(lane);
      if (index >= 0) lanes.splice(index, 1);
    }
  };

  const acquire = (lane: Lane, signal?: AbortSignal): Promise<() => void> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (lane.closed) return Promise.reject(new Error(`request lane ${lane.id} is closed`));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = lane.waiters.indexOf(waiter);
        if (index >= 0) lane.waiters.splice(index, 1);
        removeIfDone(lane);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          lane.inFlight += 1;
          inFlight += 1;
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            lane.inFlight -= 1;
            inFlight -= 1;
            removeIfDone(lane);
            pump();
          });
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      lane.waiters.push(waiter);
      pump();
    });
  };

  return {
    openLane(id, limits) {
      const lane: Lane = { id, limits: normalise(limits), inFlight: 0, waiters: [], closed: false };
      lanes.unshift(lane);
      // A larger batch may raise the shared number of slots.
      pump();
      return {
        acquire: (signal) => acquire(lane, signal),
        close: () => {
          if (lane.closed) return;
          lane.closed = true;
          removeIfDone(lane);
          pump();
        },
      };
    },
    snapshot: () => ({
      slots: capacity(),
      inFlight,
      waiting: lanes.map((lane) => ({ id: lane.id, waiting: lane.waiters.length, inFlight: lane.inFlight })),
    }),
  };
}

function normalise(limits: LaneLimits): LaneLimits {
  const whole = (value: number) => (Number.isFinite(value) ? Math.max(1, Math.floor(value)) : 1);
  return { concurrency: whole(limits.concurrency), serverSlots: whole(limits.serverSlots) };
}
