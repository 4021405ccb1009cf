import type { TItemResult } from '@vision/api-contract';
import { isCancelled } from '@vision/core/stats';
import { answerSummary, seconds, tokensPerSecond } from '../format';
import { renderTable, type Column } from '../table';
import type { Style } from '../terminal';

export interface ItemRow {
  index?: number;
  name: string;
  /** The server's item status (`success`, `error`, `cancelled`, `queued`, `running`). */
  status: string;
  result: TItemResult | null;
}

/** The per-image table of results on stdout: what each image shows, how long it took, or why it failed. */
export function resultsTable(rows: readonly ItemRow[], style: Style, options: { withIndex?: boolean } = {}): string[] {
  const columns: Column<ItemRow>[] = [
    ...(options.withIndex ? [{ header: '#', value: (row: ItemRow) => String(row.index ?? ''), align: 'right' as const }] : []),
    { header: 'FILE', value: (row) => row.name },
    {
      header: 'ENTITY',
      value: (row) => (row.result?.success ? answerSummary(row.result) : (row.result?.entity ?? '-')),
      style: (text, row) => (row.result?.success ? style.bold(text) : text),
    },
    { header: 'TIME', value: (row) => (row.result?.success ? seconds(row.result.processing_time) : '-'), align: 'right' },
    {
      header: 'TOK/S',
      value: (row) => (row.result?.tokens_per_second == null ? '-' : tokensPerSecond(row.result.tokens_per_second).replace(' tok/s', '')),
      align: 'right',
    },
    {
      header: 'RESULT',
      value: (row) => outcome(row),
      maxWidth: 100,
      style: (text, row) =>
        row.result?.success ? style.green(text) : row.status === 'error' || row.result ? style.red(text) : style.yellow(text),
    },
  ];
  return renderTable(rows, columns, style.bold);
}

function outcome(row: ItemRow): string {
  if (row.result?.success) return 'ok';
  if ((row.result && isCancelled(row.result)) || row.status === 'cancelled') return 'cancelled';
  if (row.result) return row.result.error ?? 'failed';
  return row.status;
}
