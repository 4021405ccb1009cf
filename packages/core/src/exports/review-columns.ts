import type { ExportLabel } from '../review/export-labels';

/** Per reviewed field (by name), each image's confirmed value or suggestion, as `exportLabels` gives the entity's. */
export type FieldExportLabels = ReadonlyMap<string, ReadonlyMap<number, ExportLabel>>;

/** What an export needs of the review: the `label` column's labels, each reviewed field's, and which rows to keep. */
export interface ReviewExportOptions {
  /** Each image's label and its source by index (`exportLabels`); without it, the model's answer. */
  labels?: ReadonlyMap<number, ExportLabel>;
  /** A batch or comparison with fields: the fields a person has decided on (the label's own field too), each with its labels. */
  fieldLabels?: FieldExportLabels;
  /** Only the images a person has decided on (the `label`'s field or any reviewed field; see `reviewedField`). */
  reviewedOnly?: boolean;
  /** With `reviewedOnly`: only the images decided on this field. */
  reviewedField?: string;
}

/** The two columns of one reviewed field: `<column>_label` (confirmed, else suggested) and `<column>_label_source`. */
export interface ReviewColumn {
  field: string;
  label: string;
  source: string;
}

export function reviewColumns(fieldLabels: FieldExportLabels | undefined, columnOf: (field: string) => string): ReviewColumn[] {
  return [...(fieldLabels?.keys() ?? [])].map((field) => {
    const column = columnOf(field);
    return { field, label: `${column}_label`, source: `${column}_label_source` };
  });
}

export function reviewCells(index: number, columns: readonly ReviewColumn[], fieldLabels: FieldExportLabels | undefined) {
  const cells: Record<string, string | null> = {};
  for (const column of columns) {
    const label = fieldLabels?.get(column.field)?.get(index);
    cells[column.label] = label?.label ?? null;
    cells[column.source] = label?.source ?? null;
  }
  return cells;
}

/** Whether a row stays under `reviewedOnly`: decided on the chosen field, else on the label's field or any field. */
export function keepsRow(index: number, label: ExportLabel, options: ReviewExportOptions): boolean {
  if (!options.reviewedOnly) return true;
  const reviewedOn = (field: string) => options.fieldLabels?.get(field)?.get(index)?.reviewed ?? false;
  if (options.reviewedField !== undefined) return reviewedOn(options.reviewedField);
  return label.reviewed || [...(options.fieldLabels?.keys() ?? [])].some(reviewedOn);
}
