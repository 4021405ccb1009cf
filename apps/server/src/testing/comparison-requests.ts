import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { parseCsvRows } from '@vision/core/csv';
import { validPhotos } from '@vision/testkit';
import type { TestServer } from './server-harness';

/** Uploads the sample photos as a comparison of `models` (with `fields`, when given) and waits for every run to end. */
export async function compareSamplePhotos(server: TestServer, models: string[], fields?: unknown[]): Promise<string> {
  const form = new FormData();
  for (const model of models) form.append('models', model);
  if (fields) form.append('fields', JSON.stringify(fields));
  for (const photo of validPhotos()) form.append('images[]', new Blob([await readFile(photo.absolutePath)]), photo.file.split('/')[1]!);
  const response = await fetch(`${server.url}/api/comparisons`, { method: 'POST', body: form });
  const { comparisonId } = (await response.json()) as { comparisonId: string };
  await server.batches.idle();
  return comparisonId;
}

/** A CSV export's rows as objects keyed by the header's columns. */
export async function csvExportRows(server: TestServer, query: string): Promise<Array<Record<string, string | undefined>>> {
  const response = await fetch(`${server.url}${query}`);
  expect(response.status).toBe(200);
  const [header, ...rows] = parseCsvRows(await response.text()).rows.map((row) => row.fields);
  return rows.map((row) => Object.fromEntries(header!.map((column, position) => [column, row[position]])));
}
