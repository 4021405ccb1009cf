import type { BatchRepository } from './repository';

/**
 * Batches that run one after another: a batch with `runAfter` starts only when that batch has ended, also across a
 * restart. A comparison chains its models' batches so (one GPU holds one model at a time; interleaving would make the
 * server swap models). The batch service asks it before it starts a batch and when a run ends.
 */
export interface RunOrder {
  /** Whether a new batch must wait: the batch it runs after is still queued or running. */
  mustWait(runAfter: string | null | undefined, isRunning: (batchId: string) => boolean): Promise<boolean>;
  /** The batches that were waiting for `batchId` and may start now that it has ended. */
  nextAfter(batchId: string): Promise<string[]>;
  /** Of the batches a previous process left unfinished, those to start now; the others wait their turn as before. */
  firstToResume(unfinished: ReadonlyArray<string>): Promise<string[]>;
}

export function createRunOrder(repository: Pick<BatchRepository, 'getBatch' | 'batchesWaitingFor'>): RunOrder {
  return {
    async mustWait(runAfter, isRunning) {
      if (!runAfter) return false;
      if (isRunning(runAfter)) return true;
      const status = (await repository.getBatch(runAfter))?.batch.status;
      return status === 'queued' || status === 'running';
    },
    nextAfter: (batchId) => repository.batchesWaitingFor(batchId),
    async firstToResume(unfinished) {
      const first: string[] = [];
      for (const batchId of unfinished) {
        const runAfter = (await repository.getBatch(batchId))?.batch.runAfter;
        if (!(runAfter && unfinished.includes(runAfter))) first.push(batchId);
      }
      return first;
    },
  };
}
