import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failedResult } from '../results/run-results';
import { RunJournal } from './run-journal';
import { RunState } from './run-state';

const identity = { model: 'qwen/qwen3-vl-4b', prompt: null, format: 'csv' };
const image = (name: string, size = 10) => ({ path: `/data/${name}`, name, size, mtimeMs: 1000 });
const answer = (index: number, entity: string) => ({ ...failedResult('x.png', '', index), success: true, error: null, entity });

describe('RunJournal', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vision-journal-'));
    file = path.join(dir, 'results.csv.run.jsonl');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('replays results and open batches, skipping the half-written last line of a killed run', async () => {
    const { journal } = await RunJournal.open(file, identity, { fresh: false });
    const state = new RunState(journal);
    const batch = { batchId: 'b1', images: [image('a.png'), image('b.png'), image('c.png')] };
    state.uploaded(batch);
    expect(state.record(batch, answer(0, 'cat'))).toBe(true);
    expect(state.record(batch, { ...failedResult('b.png', 'cancelled', 1, 'cancelled') })).toBe(true);
    journal.close();
    await appendFile(file, '{"type":"result","batchId":"b1","ind'); // kill -9 mid-line

    const reopened = await RunJournal.open(file, identity, { fresh: false });
    const again = new RunState(reopened.journal, reopened.previous);
    expect(again.has(image('a.png'))).toBe(true);
    expect(again.has(image('a.png', 11))).toBe(false); // the file changed since: analysed again
    expect(again.has(image('b.png'))).toBe(false); // cancelled: sent again
    expect(RunState.openBatches(reopened.previous, [image('c.png')])).toEqual([
      { batchId: 'b1', images: [{ ...image('a.png'), name: '/data/a.png' }, { ...image('b.png'), name: '/data/b.png' }, image('c.png')] },
    ]);
    // The same result seen again (the batch followed once more) is not new.
    expect(again.record({ batchId: 'b1', images: batch.images }, answer(0, 'cat'))).toBe(false);
    again.ended('b1', 'completed');
    reopened.journal.close();
    expect(RunState.openBatches((await RunJournal.open(file, identity, { fresh: false })).previous, [])).toEqual([]);
  });

  it("refuses another run's journal, and --fresh starts a new one", async () => {
    (await RunJournal.open(file, identity, { fresh: false })).journal.close();
    await expect(RunJournal.open(file, { ...identity, prompt: 'What animal?' }, { fresh: false })).rejects.toThrow(
      /results\.csv\.run\.jsonl holds an unfinished run with another prompt \(prompt null\)/,
    );
    const { journal, previous } = await RunJournal.open(file, { ...identity, prompt: 'What animal?' }, { fresh: true });
    journal.close();
    expect(previous).toBeUndefined();
    expect(JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!)).toMatchObject({ type: 'run', prompt: 'What animal?' });
  });
});
