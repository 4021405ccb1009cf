import type { FieldSpec, FieldValue } from '../fields/field-types';
import { fieldValueText } from '../fields/field-stats';
import type { ItemResult } from '../schemas/batch';

/** One export column per field: the field's name, or `field_<name>` where a result's own column has that name. */
export interface FieldColumn {
  column: string;
  field: string;
}

export function fieldColumns(fields: readonly FieldSpec[] | undefined, taken: readonly string[]): FieldColumn[] {
  return (fields ?? []).map((field) => ({ column: taken.includes(field.name) ? `field_${field.name}` : field.name, field: field.name }));
}

/** A result's field values under their columns: as given (JSON), or as CSV text (lists joined by "; ", yes/no). */
export function fieldCells(
  result: Pick<ItemResult, 'fields'>,
  columns: readonly FieldColumn[],
  as: 'json' | 'csv',
): Record<string, FieldValue | number> {
  const cells: Record<string, FieldValue | number> = {};
  for (const { column, field } of columns) {
    const value = result.fields?.[field] ?? null;
    cells[column] = as === 'json' || value === null || typeof value === 'number' ? value : fieldValueText(value);
  }
  return cells;
}
