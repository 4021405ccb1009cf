import { expect, test } from '@playwright/test';
import { cards, chooseFiles, GEMMA, modelButton, modelCheck, QWEN, waitForBatchEnd } from '../support/app';
import { photoName, photos, photoUploads } from '../support/files';

test.describe('asking fields', () => {
  test('classifies every photo into typed labels, shows the prompt and schema first, and counts each label', async ({ page }) => {
    await page.goto('/');
    await chooseFiles(page, photoUploads());
    await page.locator('select[name="preset"]').selectOption('classify');
    await page.locator('input[name="labels"]').fill('cat, dog, bird, other');
    const preview = page.getByTestId('fields-preview');
    await preview.locator('summary').click();
    await expect(preview).toContainText('"kind": exactly one of: cat, dog, bird, other');
    await expect(preview).toContainText('"enum"');

    await modelButton(page, QWEN).click();
    await expect(page).toHaveURL(/#\/batches\/[^/]+$/);
    await waitForBatchEnd(page);

    await expect(cards(page, 'success')).toHaveCount(photos().length);
    const dog = photos().find((photo) => photo.label === 'dog')!;
    await expect(
      cards(page)
        .filter({ hasText: photoName(dog) })
        .locator('[data-field="kind"] dd'),
    ).toHaveText('dog');
    await expect(page.getByTestId('batch-fields')).toContainText('kind');
    const bars = page.getByTestId('field-figures').locator('[data-field="kind"]');
    await expect(bars.locator('[data-value="dog"]')).toHaveAttribute('data-count', '1');
    await expect(bars.locator('[data-value="bird"]')).toHaveAttribute('data-count', '1');
    await expect(page.getByRole('link', { name: 'captions (.zip)' })).toHaveCount(0);
  });

  test('captions every photo, offers them as a zip, and refuses a field list with a mistake before sending', async ({ page }) => {
    await page.goto('/');
    await chooseFiles(page, photoUploads().slice(0, 2));
    await page.locator('select[name="preset"]').selectOption('custom');
    await page.getByLabel('Type').first().selectOption('label');
    await expect(page.getByTestId('fields-error')).toContainText('Field "caption" is a label field without values');
    await expect(modelButton(page, QWEN)).toBeDisabled();

    await page.locator('select[name="preset"]').selectOption('caption');
    await modelButton(page, QWEN).click();
    await waitForBatchEnd(page);
    await expect(cards(page, 'success').first().locator('[data-field="caption"] dd')).toContainText('A photo of');
    await expect(page.getByRole('link', { name: 'captions (.zip)' })).toHaveAttribute('href', /\/captions\.zip$/);
  });

  test("compares two models on a label field, and the comparison's export offers the rows reviewed on that field", async ({ page }) => {
    await page.goto('/');
    await chooseFiles(page, photoUploads().slice(0, 2));
    await page.locator('select[name="preset"]').selectOption('classify');
    await page.locator('input[name="labels"]').fill('cat, dog, bird, other');
    await page.getByTestId('compare-toggle').check();
    for (const model of [QWEN, GEMMA]) await modelCheck(page, model).check();
    await page.getByTestId('compare-start').click();
    await expect(page).toHaveURL(/#\/comparisons\/[^/]+$/);
    await expect(page.getByTestId('comparison-view')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
    const comparisonId = decodeURIComponent(new URL(page.url()).hash.replace('#/comparisons/', ''));

    await page.getByTestId('export-rows').selectOption('reviewed:kind');
    await expect(page.locator('.export-links a[data-format="csv"]')).toHaveAttribute(
      'href',
      `/api/comparisons/${comparisonId}/export?format=csv&reviewed=only&field=kind`,
    );
  });
});
