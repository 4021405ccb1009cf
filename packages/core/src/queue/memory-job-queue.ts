import { DEFAULT_RETRY_POLICY, fairRank, jobKey, type ImageJob, type JobQueue, type RetryPolicy, type WorkOptions } from './job-queue';

interface Entry {
  job: ImageJob;
  attempt: number;
  /** Arrival order among equal ranks. */
  seq: number;
}

interface Taker extends WorkOptions {
  running: number;
  draining: boolean;
  /** Wakes `drain()` when the last running job ends. */
  onIdle?: () => void;
}

/** The queue in this process: for one machine, and the reference the BullMQ adapter's contract suite holds to. */
export function createMemoryJobQueue(policy: RetryPolicy = DEFAULT_RETRY_POLICY): JobQueue {
  const waiting = createWaitingLine();
  // A failed run waits its backoff here, then joins the line again.
  const delayed = createBackoffs(policy, (entry) => {
    waiting.insert({ ...entry, attempt: entry.attempt + 1 });
    pump();
  });
  const running = new Map<string, { job: ImageJob; controller: AbortController }>();
  const takers = new Set<Taker>();

  const known = (job: ImageJob) => running.has(jobKey(job)) || delayed.has(job) || waiting.has(job);

  function start(taker: Taker, entry: Entry) {
    const controller = new AbortController();
    const key = jobKey(entry.job);
    running.set(key, { job: entry.job, controller });
    taker.running += 1;
    const finalAttempt = entry.attempt >= policy.attempts;
    taker
      .handle(entry.job, { attempt: entry.attempt, finalAttempt, signal: controller.signal })
      .catch(() => 'retry' as const)
      .then((outcome) => {
        running.delete(key);
        taker.running -= 1;
        if (outcome === 'retry' && !finalAttempt && !controller.signal.aborted) delayed.add(entry);
        if (taker.running === 0) taker.onIdle?.();
        pump();
      });
  }

  function pump() {
    for (const taker of takers) {
      while (!taker.draining && taker.running < taker.slots) {
        const entry = waiting.takeFirst((job) => taker.models.includes(job.model));
        if (!entry) break;
        start(taker, entry);
      }
    }
  }

  return {
    async enqueue(jobs) {
      for (const job of jobs) if (!known(job)) waiting.add(job);
      pump();
    },
    async cancelBatch({ batchId }) {
      waiting.removeBatch(batchId);
      delayed.removeBatch(batchId);
      for (const { job, controller } of running.values()) if (job.batchId === batchId) controller.abort(new Error('batch cancelled'));
    },
    work(options) {
      const taker: Taker = { ...options, running: 0, draining: false };
      takers.add(taker);
      pump();
      return {
        drain() {
          taker.draining = true;
          takers.delete(taker);
          if (taker.running === 0) return Promise.resolve();
          return new Promise<void>((resolve) => (taker.onIdle = resolve));
        },
      };
    },
    async depth(models) {
      return Object.fromEntries(models.map((model) => [model, waiting.count(model)]));
    },
    async close() {
      delayed.clear();
      waiting.clear();
      for (const taker of takers) taker.draining = true;
      for (const { controller } of running.values()) controller.abort(new Error('queue closed'));
    },
  };
}

/** The images waiting, in the queue's order: by fair rank, then by arrival. */
function createWaitingLine() {
  const entries: Entry[] = [];
  let seq = 0;
  function insert(entry: Entry) {
    const rank = fairRank(entry.job);
    const at = entries.findIndex((other) => fairRank(other.job) > rank || (fairRank(other.job) === rank && other.seq > entry.seq));
    entries.splice(at === -1 ? entries.length : at, 0, entry);
  }
  return {
    insert,
    add: (job: ImageJob) => insert({ job: { ...job }, attempt: 1, seq: seq++ }),
    has: (job: ImageJob) => entries.some((entry) => jobKey(entry.job) === jobKey(job)),
    /** Removes and returns the first entry whose job `wanted` takes. */
    takeFirst(wanted: (job: ImageJob) => boolean): Entry | undefined {
      const at = entries.findIndex((entry) => wanted(entry.job));
      return at === -1 ? undefined : entries.splice(at, 1)[0];
    },
    removeBatch(batchId: string) {
      for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.job.batchId === batchId) entries.splice(i, 1);
    },
    count: (model: string) => entries.filter((entry) => entry.job.model === model).length,
    clear: () => void (entries.length = 0),
  };
}

/** Failed runs waiting their backoff (doubling from `policy.backoffMs`), each handed to `due` when it is over. */
function createBackoffs(policy: RetryPolicy, due: (entry: Entry) => void) {
  const timers = new Map<string, { entry: Entry; timer: NodeJS.Timeout }>();
  const remove = (key: string) => {
    clearTimeout(timers.get(key)?.timer);
    timers.delete(key);
  };
  return {
    add(entry: Entry) {
      const key = jobKey(entry.job);
      const timer = setTimeout(
        () => {
          timers.delete(key);
          due(entry);
        },
        policy.backoffMs * 2 ** (entry.attempt - 1),
      );
      timers.set(key, { entry, timer });
    },
    has: (job: ImageJob) => timers.has(jobKey(job)),
    removeBatch(batchId: string) {
      for (const [key, { entry }] of timers) if (entry.job.batchId === batchId) remove(key);
    },
    clear() {
      for (const key of [...timers.keys()]) remove(key);
    },
  };
}
