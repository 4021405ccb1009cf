import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { cards, chooseFiles, fetchBatch, modelButton, QWEN, startBatch, waitForBatchEnd } from '../support/app';
import { emptyFile, photoAs, photoName, photos, photoUploads, textAsPng } from '../support/files';

test.describe('a batch', () => {
  test('names every photo, turns every card green and shows the right stats', async ({ page, request }) => {
    const batchId = await startBatch(page, photoUploads());
    await waitForBatchEnd(page);

    await expect(cards(page, 'success')).toHaveCount(photos().length);
    for (const photo of photos()) {
      const card = cards(page).filter({ hasText: photoName(photo) });
      await expect(card).toContainText(photo.label);
      await expect(card).toContainText(/tok\/s/);
    }
    const progress = page.getByTestId('progress');
    await expect(progress).toHaveAttribute('aria-valuenow', String(photos().length));
    await expect(progress).toHaveAttribute('aria-valuemax', String(photos().length));

    const stats = page.getByTestId('stats');
    await expect(stats).toContainText(`${photos().length} succeeded, 0 failed`);
    const server = await fetchBatch(request, batchId);
    expect(server.status).toBe('completed');
    expect(server.stats?.successful).toBe(photos().length);
    const tile = (label: string) => stats.locator('.stat').filter({ hasText: label }).locator('dd');
    await expect(tile('Succeeded')).toHaveText(String(photos().length));
    await expect(tile('Failed')).toHaveText('0');
    await expect(tile('Total time')).toHaveText(seconds(server.stats!.total_processing_time!));
    await expect(tile('Average per photo')).toHaveText(seconds(server.stats!.average_processing_time!));
    await expect(tile('Wall time')).toHaveText(seconds(server.stats!.wall_time!));

    const csv = page.getByRole('link', { name: 'CSV' });
    await expect(csv).toHaveAttribute('href', `/api/batches/${batchId}/export?format=csv`);
    const download = page.waitForEvent('download');
    await csv.click();
    const saved = await (await download).path();
    expect(readFileSync(saved, 'utf8')).toContain(photoName(photos()[0]!));
  });

  test('shows a refused file as a red card with its reason, the rest green', async ({ page }) => {
    const files = [photoAs('good.jpg'), textAsPng('notes.png'), emptyFile('empty.jpg')];
    await startBatch(page, files);
    await waitForBatchEnd(page);

    await expect(cards(page, 'success')).toHaveCount(1);
    await expect(cards(page, 'error')).toHaveCount(2);
    await expect(cards(page).filter({ hasText: 'notes.png' })).toHaveAttribute('data-status', 'error');
    await expect(cards(page).filter({ hasText: 'notes.png' })).toContainText('not an image');
    await expect(cards(page).filter({ hasText: 'empty.jpg' })).toContainText('empty file');
    await expect(page.getByTestId('stats')).toContainText('1 succeeded, 2 failed');
    // Refused files are not kept, so nothing can run again: no retry is offered.
    await expect(page.getByTestId('retry-button')).toHaveCount(0);
  });

  test('says why when the server refuses the whole batch, and keeps the photos', async ({ page }) => {
    await page.route('**/api/batches', (route) =>
      route.fulfill({
        status: 413,
        contentType: 'application/json',
        body: JSON.stringify({ success: false, error: 'The upload is too large: 120 MB in all, the limit is 100 MB.' }),
      }),
    );
    await page.goto('/');
    await chooseFiles(page, [photoAs('one.jpg')]);
    await modelButton(page, QWEN).click();

    const alert = page.getByRole('alert').filter({ hasText: 'The batch was not started' });
    await expect(alert).toContainText('The upload is too large');
    await expect(page).toHaveURL(/#\/$|\/$/);
    await expect(page.getByTestId('preview-item')).toHaveCount(1);
  });

  test('shows a file name that looks like HTML as text, and runs no script', async ({ page }) => {
    const name = '<img src=x onerror=alert(1)>.png';
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.goto('/');
    await chooseFiles(page, [photoAs(name, photos()[5])]);
    await expect(page.getByTestId('preview-item').locator('.preview__name')).toHaveText(name);
    await modelButton(page, QWEN).click();
    await waitForBatchEnd(page);

    await expect(cards(page, 'success')).toHaveCount(1);
    await expect(cards(page).first().locator('.result__filename')).toHaveText(name);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toBe(0);
  });
});

/** The page's English format for seconds (2 decimals below 10 s, 1 below a minute). */
function seconds(value: number): string {
  const format = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
  if (value >= 60) return `${Math.floor(value / 60)}\u00a0min ${Math.round(value % 60)}\u00a0s`;
  return `${format(value < 10 ? 2 : 1).format(value)}\u00a0s`;
}
