import { expect, test } from '@playwright/test';
import { batchIdOf, cards, setDoubleOptions, startBatch, waitForBatchEnd } from '../support/app';
import { photos, photoUploads } from '../support/files';

// The double generates a 9-token answer: at 3 tokens/s each image takes about 3 s, so a batch of seven
// (four at a time) runs for a few seconds: long enough to reload or cancel in the middle.
const SLOW = { generationTokensPerSecond: 3 };
const FAST = { generationTokensPerSecond: 40 };

test.describe('live progress', () => {
  test.afterEach(async ({ request }) => {
    await setDoubleOptions(request, FAST);
  });

  test('shows each card running, then done, with a live clock', async ({ page, request }) => {
    await setDoubleOptions(request, SLOW);
    await startBatch(page, photoUploads());

    await expect(cards(page, 'running').first()).toBeVisible();
    await expect(cards(page, 'running').first()).toContainText('Analysing…');
    await expect(page.getByTestId('progress')).toHaveClass(/progress--active/);
    const line = page.locator('.progress-panel__line');
    await expect(line).toContainText(/\d of 7 done/);
    await expect(line).toContainText(/0:0\d elapsed/);
    await setDoubleOptions(request, FAST);
    await waitForBatchEnd(page);
    await expect(cards(page, 'success')).toHaveCount(photos().length);
  });

  test('picks a running batch up again after a reload', async ({ page, request }) => {
    await setDoubleOptions(request, SLOW);
    const batchId = await startBatch(page, photoUploads());
    await expect(cards(page, 'success').first()).toBeVisible({ timeout: 20_000 });
    expect(await page.evaluate(() => localStorage.getItem('vision-batch.current-batch'))).toBe(batchId);

    await page.reload();
    expect(batchIdOf(page)).toBe(batchId);
    await expect(cards(page)).toHaveCount(photos().length);
    // Still running after the reload, and followed live from here to the end.
    await expect(cards(page, 'running').first()).toBeVisible();
    await expect(page.getByTestId('progress')).toHaveClass(/progress--active/);
    // Without the local files, the cards show the server's thumbnails.
    await expect(cards(page, 'success').first().locator('img')).toHaveAttribute(
      'src',
      new RegExp(`/api/batches/${batchId}/items/\\d+/thumbnail`),
    );
    await setDoubleOptions(request, FAST);
    await waitForBatchEnd(page);
    await expect(cards(page, 'success')).toHaveCount(photos().length);
    await expect(page.getByTestId('stats')).toContainText(`${photos().length} succeeded, 0 failed`);

    // The start page offers no "still running" banner once it is done.
    await page.goto('/');
    await expect(page.getByText('A batch is still running.')).toHaveCount(0);
  });

  test('cancels a running batch, then retries what was cancelled', async ({ page, request }) => {
    await setDoubleOptions(request, SLOW);
    await startBatch(page, photoUploads());
    await expect(cards(page, 'running').first()).toBeVisible();

    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitForBatchEnd(page);
    await expect(page.getByText('Cancelled', { exact: true }).first()).toBeVisible();
    await expect(cards(page, 'cancelled').first()).toBeVisible();
    expect(await cards(page, 'cancelled').count()).toBeGreaterThan(0);
    const unfinished = await page.locator('[data-testid="result-card"]:not([data-status="success"])').count();

    await setDoubleOptions(request, FAST);
    await page.getByRole('button', { name: new RegExp(`^Retry ${unfinished} `) }).click();
    await expect(cards(page, 'success')).toHaveCount(photos().length, { timeout: 30_000 });
    await expect(page.getByTestId('stats')).toContainText(`${photos().length} succeeded, 0 failed`);
  });
});
