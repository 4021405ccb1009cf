import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { chooseFiles, GEMMA, modelButton, modelCheck, QWEN, setDoubleOptions, startBatch, waitForBatchEnd } from '../support/app';
import { photoUploads } from '../support/files';

// Gemma (in the double) takes dogs for cats and birds for planes: those two photos are the disagreements.
const GEMMA_MISTAKES: Record<string, string> = { dog: 'cat', bird: 'airplane' };

const current = (page: Page) => page.getByTestId('review-current');
const summary = (page: Page, modelId: string) => page.locator(`[data-testid="model-summary"][data-model-id="${modelId}"]`);

const TEXTS = {
  'en-US': { reviewed: (n: number) => new RegExp(`^reviewed ${n} of 7`), disagreementsLeft: '2 disagreements left' },
  'ru-RU': { reviewed: (n: number) => new RegExp(`^проверено ${n} из 7`), disagreementsLeft: 'осталось 2 расхождения' },
} as const;

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

async function compareTwoModels(page: Page): Promise<string> {
  await page.goto('/');
  await chooseFiles(page, photoUploads());
  await page.getByTestId('compare-toggle').check();
  for (const model of [QWEN, GEMMA]) await modelCheck(page, model).check();
  await page.getByTestId('compare-start').click();
  await expect(page).toHaveURL(/#\/comparisons\/[^/]+$/);
  await expect(page.getByTestId('comparison-view')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  return decodeURIComponent(new URL(page.url()).hash.replace('#/comparisons/', ''));
}

for (const [locale, text] of Object.entries(TEXTS)) {
  test.describe(`reviewing a comparison's labels (${locale})`, () => {
    test.use({ locale, ...(locale === 'ru-RU' ? { viewport: { width: 390, height: 844 } } : {}) });
    test.beforeEach(async ({ request }) => {
      await setDoubleOptions(request, { mistakes: { [GEMMA]: GEMMA_MISTAKES } });
    });
    test.afterEach(async ({ request }) => {
      await setDoubleOptions(request, { mistakes: {} });
    });

    test('fixes, accepts and picks by key, bulk-accepts the agreed, exports who confirmed, and judges the models by it', async ({
      page,
      request,
    }) => {
      const comparisonId = await compareTwoModels(page);
      await page.getByTestId('review-button').click();
      await expect(page).toHaveURL(/\/review$/);
      const progress = page.getByTestId('review-progress');
      await expect(progress).toHaveText(text.reviewed(0));
      await expect(progress).toContainText(text.disagreementsLeft);

      // The queue opens on a disagreement: Qwen says bird, Gemma airplane.
      await expect(current(page)).toHaveAttribute('data-filename', 'bird_8bit_palette.bmp');
      await page.keyboard.press('?');
      await expect(page.getByTestId('review-keys')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('review-label').fill('Bird');
      await page.keyboard.press('Enter');
      await expect(progress).toHaveText(text.reviewed(1));
      await expect(current(page)).toHaveAttribute('data-filename', 'puppies.jpg');
      await page.keyboard.press('Enter');
      await expect(progress).toHaveText(text.reviewed(2));
      await expect(current(page)).toHaveAttribute('data-filename', 'airplane.jpg');
      await page.keyboard.press('2');
      await expect(progress).toHaveText(text.reviewed(3));

      await page.reload();
      await expect(progress).toHaveText(text.reviewed(3));
      await expect(current(page)).toHaveAttribute('data-filename', 'beach_big_icc.jpg');
      const stored: Array<[string, string]> = [
        ['airplane.jpg', 'fix'],
        ['puppies.jpg', 'accept'],
        ['bird_8bit_palette.bmp', 'fix'],
      ];
      for (const [filename, action] of stored) {
        await page.getByTestId('review-back').click();
        await expect(current(page)).toHaveAttribute('data-filename', filename);
        await expect(page.getByTestId('review-decision')).toHaveAttribute('data-action', action);
      }
      if (locale === 'ru-RU') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await page.getByTestId('review-accept-agreed').click();
      await expect(progress).toHaveText(text.reviewed(7));

      const csv = await (await request.get(`/api/comparisons/${comparisonId}/export?format=csv`)).text();
      const rows = csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(rows[0]).toMatch(/^index,filename,label,.*,label_source$/);
      const fixed = rows.filter((row) => /^(2,bird_8bit_palette\.bmp,bird|0,airplane\.jpg,airplane),/.test(row));
      expect(fixed).toHaveLength(4);
      for (const row of fixed) expect(row.endsWith(',person')).toBe(true);

      await page.getByTestId('review-view').getByRole('link').first().click();
      await expect(page.getByTestId('comparison-view')).toBeVisible();
      await page.getByTestId('ground-truth-choice').selectOption('confirmed');
      await expect(summary(page, QWEN).getByTestId('accuracy')).toHaveText(/100/);
      await expect(summary(page, GEMMA).getByTestId('accuracy')).toHaveText(/71/);
      await expect(summary(page, QWEN).getByTestId('most-accurate')).toBeVisible();
      await expect(summary(page, GEMMA).getByTestId('most-accurate')).toHaveCount(0);
    });
  });
}

test("reviews a batch's answers: accepts with Enter, rejects with x, and the rejected filter shows it", async ({ page, request }) => {
  const batchId = await startBatch(page, photoUploads().slice(0, 3));
  await waitForBatchEnd(page);
  await page.getByTestId('review-button').click();
  const progress = page.getByTestId('review-progress');
  await expect(progress).toHaveText('reviewed 0 of 3');
  await expect(current(page)).toHaveAttribute('data-index', '0');
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveAttribute('data-index', '1');
  await page.keyboard.press('x');
  await expect(progress).toHaveText(/^reviewed 2 of 3/);

  await page.getByTestId('review-filter').selectOption('rejected');
  await expect(current(page)).toHaveAttribute('data-index', '1');
  await expect(page.getByTestId('review-decision')).toHaveAttribute('data-action', 'reject');

  // Back on the batch, the export keeps only the reviewed photos once asked to.
  await page.getByTestId('review-view').getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`#/batches/${batchId}$`));
  await page.getByTestId('export-rows').selectOption('reviewed');
  const href = await page.locator('.export-links a[data-format="jsonl"]').getAttribute('href');
  expect(href).toBe(`/api/batches/${batchId}/export?format=jsonl&reviewed=only`);
  const jsonl = await (await request.get(href!)).text();
  const rows = jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { index: number; label: string | null; label_source: string });
  expect(rows.map((row) => [row.index, row.label_source])).toEqual([
    [0, 'person'],
    [1, 'person'],
  ]);
  expect(rows[0]!.label).toBe('airplane');
  expect(rows[1]!.label).toBeNull();
});

test("reviews a batch's label field: the queue opens on it, Enter confirms its value, and the export has the field's columns", async ({
  page,
  request,
}) => {
  await page.goto('/');
  await chooseFiles(page, photoUploads().slice(0, 2));
  await page.locator('select[name="preset"]').selectOption('classify');
  await page.locator('input[name="labels"]').fill('cat, dog, bird, other');
  await modelButton(page, QWEN).click();
  await expect(page).toHaveURL(/#\/batches\/[^/]+$/);
  await waitForBatchEnd(page);
  const batchId = decodeURIComponent(new URL(page.url()).hash.replace('#/batches/', ''));

  await page.getByTestId('review-button').click();
  await expect(page.getByTestId('review-field')).toHaveValue('kind');
  await expect(current(page)).toHaveAttribute('data-index', '0');
  await expect(page.getByTestId('review-suggestion')).toContainText('other');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('review-progress')).toHaveText(/^reviewed 1 of 2/);

  await page.getByTestId('review-view').getByRole('link').first().click();
  await page.getByTestId('export-rows').selectOption('reviewed:kind');
  const href = await page.locator('.export-links a[data-format="jsonl"]').getAttribute('href');
  expect(href).toBe(`/api/batches/${batchId}/export?format=jsonl&reviewed=only&field=kind`);
  const jsonl = await (await request.get(href!)).text();
  const rows = jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(rows.map((row) => [row.index, row.kind, row.label, row.kind_label, row.kind_label_source])).toEqual([
    [0, 'other', 'other', 'other', 'person'],
  ]);
});
