import { parseCsvRows } from '@vision/core/csv';

/** The cells of a CSV the CLI wrote, read as a spreadsheet would (quotes undone, BOM dropped), header first. */
export const csvCells = (text: string): string[][] => parseCsvRows(text).rows.map((row) => row.fields);
