import { expect, test } from '@playwright/test';
import { cards, startBatch, waitForBatchEnd } from '../support/app';
import { photos, photoUploads } from '../support/files';

test('lists past batches, opens one with the server thumbnails, and deletes it', async ({ page }) => {
  const batchId = await startBatch(page, photoUploads().slice(0, 3));
  await waitForBatchEnd(page);

  // A fresh page no longer has the local files: everything it shows comes from the server.
  await page.getByRole('link', { name: 'History' }).click();
  await page.reload();
  const entry = page.locator(`[data-testid="history-item"][data-batch-id="${batchId}"]`);
  await expect(entry).toContainText('3 photos');
  await expect(entry).toContainText('3 succeeded, 0 failed');
  await expect
    .poll(() => entry.locator('img').evaluateAll((images) => images.filter((image) => (image as HTMLImageElement).naturalWidth > 0).length))
    .toBe(3);

  await entry.getByRole('link', { name: 'Open' }).click();
  await expect(cards(page, 'success')).toHaveCount(3);
  await expect(cards(page).filter({ hasText: photos()[0]!.label })).toHaveCount(1);
  const firstImage = cards(page).first().locator('img');
  await expect(firstImage).toHaveAttribute('src', /\/thumbnail/);
  await expect.poll(() => firstImage.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  await page.getByRole('link', { name: 'History' }).click();
  await entry.getByRole('button', { name: 'Delete' }).click();
  await entry.getByRole('button', { name: 'Delete for good' }).click();
  await expect(entry).toHaveCount(0);
  await page.goto(`/#/batches/${batchId}`);
  await expect(page.getByText('This batch does not exist (any more).')).toBeVisible();
});
