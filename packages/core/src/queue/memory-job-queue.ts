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
  const waiting: Entry[] = [];
  const delayed = new Map<string, { entry: Entry; timer: NodeJS.Timeout }>();
  const running = new Map<string, { job: ImageJob; controller: AbortController }>();
  const takers = new Set<Taker>();
  let seq = 0;

  const known = (job: ImageJob) =>
    running.has(jobKey(job)) || delayed.has(jobKey(job)) || waiting.some((entry) => jobKey(entry.job) === jobKey(job));

  function insert(entry: Entry) {
    const rank = fairRank(entry.job);
    const at = waiting.findIndex((other) => fairRank(other.job) > rank || (fairRank(other.job) === rank && other.seq > entry.seq));
    waiting.splice(at === -1 ? waiting.length : at, 0, entry);
  }

  function retryLater(entry: Entry) {
    const key = jobKey(entry.job);
    const timer = setTimeout(
      () => {
        delayed.delete(key);
        insert({ ...entry, attempt: entry.attempt + 1 });
        pump();
      },
      policy.backoffMs * 2 ** (entry.attempt - 1),
    );
    delayed.set(key, { entry, timer });
  }

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
        if (outcome === 'retry' && !finalAttempt && !controller.signal.aborted) retryLater(entry);
        if (taker.running === 0) taker.onIdle?.();
        pump();
      });
  }

  function pump() {
    for (const taker of takers) {
      while (!taker.draining && taker.running < taker.slots) {
        const at = waiting.findIndex((entry) => taker.models.includes(entry.job.model));
        if (at === -1) break;
        start(taker, waiting.splice(at, 1)[0]!);
      }
    }
  }

  return {
    async enqueue(jobs) {
      for (const job of jobs) if (!known(job)) insert({ job: { ...job }, attempt: 1, seq: seq++ });
      pump();
    },
    async cancelBatch({ batchId }) {
      for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i]!.job.batchId === batchId) waiting.splice(i, 1);
      for (const [key, { entry, timer }] of delayed)
        if (entry.job.batchId === batchId) {
          clearTimeout(timer);
          delayed.delete(key);
        }
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
      return Object.fromEntries(models.map((model) => [model, waiting.filter((entry) => entry.job.model === model).length]));
    },
    async close() {
      for (const { timer } of delayed.values()) clearTimeout(timer);
      delayed.clear();
      waiting.length = 0;
      for (const taker of takers) taker.draining = true;
      for (const { controller } of running.values()) controller.abort(new Error('queue closed'));
    },
  };
}
