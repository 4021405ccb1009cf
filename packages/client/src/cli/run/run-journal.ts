import { appendFileSync, closeSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TItemResult } from '@vision/api-contract';
import { UsageError } from '../usage-error';

/** What makes two `analyze` commands the same run, besides writing to the same output. */
export interface RunIdentity {
  model: string;
  prompt: string | null;
  format: string;
  /** The fields asked, as JSON; absent for today's entity question (and in journals written before fields). */
  fields?: string | undefined;
}

/** An image as it was when sent: a file whose size or modification time changed since is analysed again. */
export interface ImageStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

export type JournalEntry =
  | ({ type: 'run'; version: 1 } & RunIdentity)
  | { type: 'session'; at: number }
  | { type: 'batch'; batchId: string; images: ImageStamp[]; at: number }
  | { type: 'result'; batchId: string; index: number; result: TItemResult; at: number }
  | { type: 'batch-end'; batchId: string; status: string; at: number };

/** The journal's story so far, replayed. */
export interface JournalState {
  batches: Map<string, { images: ImageStamp[]; ended: boolean }>;
  results: Array<{ batchId: string; index: number; result: TItemResult }>;
  /** The run's wall time over all its sessions: each session from its start to its last entry. */
  wallMs: number;
}

/** `results.csv` → `results.csv.run.jsonl`, next to it. */
export const journalFileFor = (output: string): string => `${output}.run.jsonl`;

/**
 * An append-only JSON Lines log of one `analyze` run, next to its output: the batches sent (with the images in
 * each) and every result as it arrives. Each line is written straight to the file (no buffer in this process),
 * so even `kill -9` loses nothing but the line being written, which a later reading skips. Running the same
 * command again replays it: results are kept, batches not known to have ended are followed again.
 */
export class RunJournal {
  private constructor(
    readonly file: string,
    private fd: number | undefined,
  ) {}

  /** Opens the journal for `identity`, replaying an unfinished run's (unless `fresh`), refusing another run's. */
  static async open(
    file: string,
    identity: RunIdentity,
    options: { fresh: boolean },
  ): Promise<{ journal: RunJournal; previous: JournalState | undefined }> {
    const entries = options.fresh ? [] : await readEntries(file);
    const header = entries[0]?.type === 'run' ? entries[0] : undefined;
    if (header) checkIdentity(file, header, identity);
    const fd = openSync(file, header ? 'a' : 'w');
    const journal = new RunJournal(file, fd);
    if (!header) journal.append({ type: 'run', version: 1, ...identity });
    journal.append({ type: 'session', at: Date.now() });
    return { journal, previous: header ? replay(entries) : undefined };
  }

  recordBatch(batchId: string, images: ImageStamp[]): void {
    this.append({ type: 'batch', batchId, images, at: Date.now() });
  }

  recordResult(batchId: string, index: number, result: TItemResult): void {
    this.append({ type: 'result', batchId, index, result, at: Date.now() });
  }

  recordBatchEnd(batchId: string, status: string): void {
    this.append({ type: 'batch-end', batchId, status, at: Date.now() });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The run is over and its output complete: nothing is left to resume. */
  async remove(): Promise<void> {
    this.close();
    await rm(this.file, { force: true });
  }

  private append(entry: JournalEntry): void {
    if (this.fd === undefined) return;
    appendFileSync(this.fd, `${JSON.stringify(entry)}\n`);
  }
}

async function readEntries(file: string): Promise<JournalEntry[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // The line being written when the process was killed: the results it held are on the server still.
    }
  }
  return entries;
}

function checkIdentity(file: string, header: RunIdentity, identity: RunIdentity): void {
  const differs = (['model', 'prompt', 'format', 'fields'] as const).filter((key) => header[key] !== identity[key]);
  if (differs.length === 0) return;
  const was = differs.map((key) => `${key} ${JSON.stringify(header[key])}`).join(', ');
  throw new UsageError(
    `${path.basename(file)} holds an unfinished run with another ${differs.join(' and ')} (${was}). ` +
      'Run the same command as before to finish it, add --fresh to start over, or write to another --out.',
  );
}

function replay(entries: readonly JournalEntry[]): JournalState {
  const state: JournalState = { batches: new Map(), results: [], wallMs: 0 };
  let sessionStart: number | undefined;
  let lastAt: number | undefined;
  const endSession = () => {
    if (sessionStart !== undefined && lastAt !== undefined) state.wallMs += Math.max(0, lastAt - sessionStart);
  };
  for (const entry of entries) {
    if (entry.type === 'run') continue;
    if (entry.type === 'session') {
      endSession();
      sessionStart = entry.at;
      lastAt = entry.at;
      continue;
    }
    lastAt = entry.at;
    if (entry.type === 'batch') state.batches.set(entry.batchId, { images: entry.images, ended: false });
    else if (entry.type === 'result') state.results.push({ batchId: entry.batchId, index: entry.index, result: entry.result });
    else {
      const batch = state.batches.get(entry.batchId);
      if (batch) batch.ended = true;
    }
  }
  endSession();
  return state;
}
