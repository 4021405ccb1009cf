import { expect, test, type Page } from '@playwright/test';
import { cards, startBatch, waitForBatchEnd } from '../support/app';
import { photos, photoUploads, textAsPng } from '../support/files';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('fits a 390 px phone: one column of cards and no horizontal scroll', async ({ page }) => {
  await page.goto('/');
  expect(await horizontalOverflow(page)).toBe(0);

  const longName = `${'a-very-long-file-name-without-any-spaces-'.repeat(3)}.png`;
  await startBatch(page, [...photoUploads(), textAsPng(longName)]);
  await waitForBatchEnd(page);
  await expect(cards(page)).toHaveCount(photos().length + 1);
  expect(await horizontalOverflow(page)).toBe(0);

  const boxes = await cards(page).evaluateAll((elements) =>
    elements.map((element) => element.getBoundingClientRect()).map((box) => ({ x: box.x, width: box.width })),
  );
  const lefts = new Set(boxes.map((box) => Math.round(box.x)));
  expect(lefts.size).toBe(1);
  for (const box of boxes) expect(box.width).toBeGreaterThan(300);
});
