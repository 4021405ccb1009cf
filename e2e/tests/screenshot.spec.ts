import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { cards, startBatch, waitForBatchEnd } from '../support/app';
import { photos, photoUploads, textAsPng } from '../support/files';

const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));

// Writes docs/screenshot.png only when asked (pnpm --filter @vision/e2e screenshot), so test runs leave the
// repository untouched.
test('a finished batch, as the README shows it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await startBatch(page, [...photoUploads(), textAsPng('scan-notes.png')]);
  await waitForBatchEnd(page);
  await expect(cards(page, 'success')).toHaveCount(photos().length);
  await expect
    .poll(() =>
      page
        .locator('[data-testid="result-card"][data-status="success"] img')
        .evaluateAll((images) =>
          images.every((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0),
        ),
    )
    .toBe(true);
  if (process.env.UPDATE_DOCS_SCREENSHOT) await page.screenshot({ path: SCREENSHOT, fullPage: true });
});
