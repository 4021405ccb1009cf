import path from 'node:path';
import { expect, test } from '@playwright/test';
import { validPhotos } from '@vision/testkit';

test('a user picks photos, starts a batch with a model button and sees every image named', async ({ page }) => {
  const photos = validPhotos();
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(photos.map((photo) => photo.absolutePath));
  await expect(page.getByTestId('dataset-info')).toContainText(String(photos.length));

  await page.locator('[data-testid="model-button"][data-model-id="qwen/qwen3-vl-4b"]').click();

  const cards = page.getByTestId('result-card');
  await expect(cards).toHaveCount(photos.length);
  await expect(page.locator('[data-testid="result-card"][data-status="success"]')).toHaveCount(photos.length);
  for (const photo of photos) {
    await expect(cards.filter({ hasText: path.basename(photo.file) })).toContainText(photo.label);
  }
  await expect(page.getByTestId('stats')).toContainText(`${photos.length} succeeded, 0 failed`);
});
