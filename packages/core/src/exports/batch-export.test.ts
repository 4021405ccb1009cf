import { describe, expect, it } from 'vitest';
import type { BatchView, ItemResult } from '../schemas';
import { exportBatch } from './batch-export';

const result = (index: number, filename: string, entity: string | null, error: string | null = null): ItemResult => ({
  filename,
  index,
  entity,
  raw_answer: entity && `{"entity":"${entity}"}`,
  processing_time: 1.5,
  success: !error,
  error,
  errorCode: error ? 'corrupt-image' : null,
  tokens_per_second: error ? null : 42.5,
  time_to_first_token: error ? null : 0.3,
  prompt_tokens: 300,
  completion_tokens: 6,
  queue_time: 0,
  preparation_time: 0.1,
  generation_time: 0.2,
});

const view: BatchView = {
  batchId: '0123456789abcdef',
  model: 'qwen/qwen3-vl-4b',
  prompt: null,
  status: 'completed',
  createdAt: '2026-11-26T17:30:00.000Z',
  finishedAt: '2026-11-26T17:31:00.000Z',
  comparisonId: null,
  stats: {
    total_images: 3,
    successful: 2,
    failed: 1,
    cancelled: 0,
    total_processing_time: 4.5,
    average_processing_time: 1.5,
    wall_time: 5,
    images_per_minute: 36,
  },
  items: [
    {
      index: 0,
      filename: 'cat.jpg',
      size: 10,
      label: null,
      retryable: false,
      status: 'success',
      result: { ...result(0, 'cat.jpg', 'cat'), model_answer: 'small black cats' },
    },
    {
      index: 1,
      filename: '=HYPERLINK("x"), "quoted".png',
      size: 10,
      label: null,
      retryable: false,
      status: 'success',
      result: result(1, '=HYPERLINK("x"), "quoted".png', 'dog'),
    },
    {
      index: 2,
      filename: 'кошка.png',
      size: 10,
      label: null,
      retryable: false,
      status: 'error',
      result: result(2, 'кошка.png', null, 'кошка.png: corrupt PNG: bad CRC'),
    },
  ],
};

describe('exportBatch', () => {
  it('writes JSON in the seed response shape with every result and the stats', () => {
    const file = exportBatch(view, 'json');
    const body = JSON.parse(file.body);
    expect(file.filename).toBe('vision-batch-qwen-qwen3-vl-4b-2026-11-26-17-30-01234567.json');
    expect(body).toMatchObject({ success: true, batch_id: view.batchId, model: view.model, stats: view.stats });
    expect(body.results).toEqual(
      view.items.map((item) => ({
        ...item.result,
        label: item.result?.entity ?? null,
        label_source: item.result?.entity ? 'model' : null,
      })),
    );
  });

  it('writes one JSON object per line for JSONL', () => {
    const lines = exportBatch(view, 'jsonl')
      .body.trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.index, line.entity, line.model_answer, line.model])).toEqual([
      [0, 'cat', 'small black cats', view.model],
      [1, 'dog', undefined, view.model],
      [2, null, undefined, view.model],
    ]);
  });

  it('writes CSV with a header row, one row per image, quoting and neutralising formulas', () => {
    const file = exportBatch(view, 'csv');
    expect(file.contentType).toMatch(/^text\/csv/);
    const rows = file.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toBe(
      'index,filename,entity,model_answer,success,error,processing_time,time_to_first_token,tokens_per_second,prompt_tokens,completion_tokens,queue_time,preparation_time,generation_time,raw_answer,error_code,label,label_source',
    );
    expect(rows).toHaveLength(4);
    expect(rows[1]).toBe('0,cat.jpg,cat,small black cats,true,,1.5,0.3,42.5,300,6,0,0.1,0.2,"{""entity"":""cat""}",,cat,model');
    // A result recorded before the model's phrase was kept has an empty cell there.
    expect(rows[2]!.startsWith(`1,"'=HYPERLINK(""x""), ""quoted"".png",dog,,true`)).toBe(true);
    expect(rows[3]).toContain('кошка.png,,,false,кошка.png: corrupt PNG: bad CRC');
    expect(rows[3]!.endsWith(',corrupt-image,,')).toBe(true);
  });
  it("labels each row with what a person confirmed, else the model's answer, and keeps only confirmed rows when asked", () => {
    const labels = new Map([
      [1, { label: 'puppy', source: 'person' as const, reviewed: true }],
      [2, { label: null, source: 'person' as const, reviewed: true }],
    ]);
    const rows = (options: Parameters<typeof exportBatch>[2]) =>
      exportBatch(view, 'jsonl', options)
        .body.trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { index: number; label: string | null; label_source: string | null });
    expect(rows({ labels }).map((row) => [row.index, row.label, row.label_source])).toEqual([
      [0, 'cat', 'model'],
      [1, 'puppy', 'person'],
      [2, null, 'person'],
    ]);
    expect(rows({ labels, reviewedOnly: true }).map((row) => row.index)).toEqual([1, 2]);
  });
});
