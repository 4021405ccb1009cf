import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { UploadFile } from './files';
import { DOUBLE_ORIGIN } from './ports';

export const QWEN = 'qwen/qwen3-vl-4b';
export const GEMMA = 'google/gemma-3-4b';

export const modelButton = (page: Page, modelId: string) => page.locator(`[data-testid="model-button"][data-model-id="${modelId}"]`);
export const modelCheck = (page: Page, modelId: string) => page.locator(`[data-testid="model-check"][data-model-id="${modelId}"]`);
export const cards = (page: Page, status?: string) =>
  page.locator(status ? `[data-testid="result-card"][data-status="${status}"]` : '[data-testid="result-card"]');

/** Picks files through the <input type=file multiple> and waits until every preview is checked. */
export async function chooseFiles(page: Page, files: UploadFile[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(page.getByTestId('preview-item')).toHaveCount(files.length);
  await expect(page.locator('[data-testid="preview-item"][data-state="checking"]')).toHaveCount(0);
}

/** Chooses the files and clicks the model's button; resolves with the new batch's id once its page shows. */
export async function startBatch(page: Page, files: UploadFile[], modelId = QWEN): Promise<string> {
  await page.goto('/');
  await chooseFiles(page, files);
  await modelButton(page, modelId).click();
  await expect(page).toHaveURL(/#\/batches\/[^/]+$/);
  await expect(cards(page)).toHaveCount(files.length);
  return batchIdOf(page);
}

export function batchIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).hash.replace('#/batches/', ''));
}

export async function waitForBatchEnd(page: Page, timeout = 30_000): Promise<void> {
  await expect(page.getByTestId('progress')).not.toHaveClass(/progress--active/, { timeout });
}

/** Changes the inference double's behaviour over its control API (e.g. slower generation). */
export async function setDoubleOptions(request: APIRequestContext, options: Record<string, unknown>): Promise<void> {
  const response = await request.post(`${DOUBLE_ORIGIN}/__double/options`, { data: options });
  expect(response.ok()).toBe(true);
}

/** The batch as the server sees it, through the same tRPC endpoint the page uses. */
export async function fetchBatch(request: APIRequestContext, batchId: string) {
  const response = await request.get(`/trpc/batches.get?input=${encodeURIComponent(JSON.stringify({ batchId }))}`);
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { result: { data: { status: string; stats: Record<string, number> | null } } };
  return body.result.data;
}
