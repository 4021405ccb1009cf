import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { chooseFiles, GEMMA, modelCheck, QWEN, startBatch, waitForBatchEnd } from '../support/app';
import { labelsCsv, photos, photoUploads, textAsPng } from '../support/files';

/** axe's serious and critical findings on the page as it is now, as "rule: selector" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

for (const locale of ['en-US', 'ru-RU']) {
  test.describe(`accessibility in ${locale}`, () => {
    test.use({ locale });

    test('the new-batch page with previews has no serious or critical axe violation', async ({ page }) => {
      await page.goto('/');
      await chooseFiles(page, [...photoUploads().slice(0, 3), textAsPng()]);
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('a finished batch and the history have no serious or critical axe violation', async ({ page }) => {
      await startBatch(page, [...photoUploads().slice(0, 3), textAsPng()]);
      await waitForBatchEnd(page);
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto('/#/history');
      await expect(page.getByTestId('history-item').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('a finished comparison has no serious or critical axe violation', async ({ page }) => {
      await page.goto('/');
      await chooseFiles(page, photoUploads().slice(0, 3));
      await page.getByTestId('compare-toggle').check();
      await page.getByTestId('labels-input').setInputFiles(labelsCsv(photos().slice(0, 3)));
      for (const model of [QWEN, GEMMA]) await modelCheck(page, model).check();
      await page.getByTestId('compare-start').click();
      await expect(page.getByTestId('comparison-view')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto('/#/history/comparisons');
      await expect(page.getByTestId('comparison-history-item').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
