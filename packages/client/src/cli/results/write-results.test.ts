import { describe, expect, it } from 'vitest';
import { failedResult, mergeStats, type ResultRow } from './run-results';
import { csvCell, formatFromFileName, renderResults, type RunSummary } from './write-results';

const ok = (name: string, batchId: string, index: number, entity: string, time: number): ResultRow => ({
  name,
  batchId,
  result: {
    ...failedResult(name.split('/').pop()!, '', index),
    success: true,
    error: null,
    errorCode: null,
    entity,
    raw_answer: `{"entity":"${entity}"}`,
    processing_time: time,
    tokens_per_second: 50,
  },
});

function summary(): RunSummary {
  const rows = [
    ok('trip/cat.jpg', 'b1', 0, 'cat', 1),
    ok('dog, "good".png', 'b2', 0, 'dog', 3),
    { name: 'huge.png', batchId: null, result: failedResult('huge.png', 'too large; not sent') },
  ];
  return { model: 'qwen/qwen3-vl-4b', prompt: null, batchIds: ['b1', 'b2'], rows, stats: mergeStats(rows, [2, 4]) };
}

describe('renderResults', () => {
  it('writes CSV with a BOM, the local names, quoted cells and an empty index for an image never sent', () => {
    const lines = renderResults(summary(), 'csv').split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFfilename,entity,model_answer,success,error,processing_time,time_to_first_token,tokens_per_second,prompt_tokens,completion_tokens,queue_time,preparation_time,generation_time,raw_answer,batch_id,index,error_code',
    );
    expect(lines[1]).toBe('trip/cat.jpg,cat,,true,,1,,50,,,,,,"{""entity"":""cat""}",b1,0,');
    expect(lines[2]).toMatch(/^"dog, ""good"".png",dog,,true,/);
    expect(lines[3]).toBe('huge.png,,,false,too large; not sent,0,,,,,,,,,,,not-sent');
    expect(lines[4]).toBe('');
  });

  it('writes JSON in the seed shape with every batch id and the merged totals', () => {
    const json = JSON.parse(renderResults(summary(), 'json'));
    expect(json).toMatchObject({ success: true, model: 'qwen/qwen3-vl-4b', batch_ids: ['b1', 'b2'] });
    expect(json.results.map((r: { filename: string; batch_id: string | null }) => [r.filename, r.batch_id])).toEqual([
      ['trip/cat.jpg', 'b1'],
      ['dog, "good".png', 'b2'],
      ['huge.png', null],
    ]);
    expect(json.stats).toEqual({
      total_images: 3,
      successful: 2,
      failed: 1,
      cancelled: 0,
      total_processing_time: 4,
      average_processing_time: 1.333,
      wall_time: 6,
      images_per_minute: 30,
    });
  });

  it('writes one JSON object per line for JSON Lines', () => {
    const lines = renderResults(summary(), 'jsonl')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.entity)).toEqual(['cat', 'dog', null]);
    expect(lines[0]).toMatchObject({ filename: 'trip/cat.jpg', batch_id: 'b1', model: 'qwen/qwen3-vl-4b', index: 0 });
  });
});

describe('csvCell', () => {
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1.png')).toBe("'-1.png");
    expect(csvCell(-1)).toBe('-1');
  });
});

describe('formatFromFileName', () => {
  it('takes the format from the extension, in any case, and refuses others', () => {
    expect(formatFromFileName('out/Results.CSV')).toBe('csv');
    expect(formatFromFileName('r.jsonl')).toBe('jsonl');
    expect(() => formatFromFileName('r.xlsx')).toThrow(/name it \.csv, \.json or \.jsonl/);
  });
});
