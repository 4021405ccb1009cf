import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chooseFiles, GEMMA, modelCheck, QWEN, setDoubleOptions } from '../support/app';
import { labelsCsv, photoAs, photoName, photos, photoUploads } from '../support/files';

// Gemma (in the double) takes dogs for cats and birds for planes: the two models must come out different.
const GEMMA_MISTAKES: Record<string, string> = { dog: 'cat', bird: 'airplane' };

const row = (page: Page, filename: string) => page.locator(`[data-testid="comparison-row"][data-filename="${filename}"]`);
const answer = (scope: Locator, modelId: string) => scope.locator(`[data-testid="answer"][data-model-id="${modelId}"]`);
const summary = (page: Page, modelId: string) => page.locator(`[data-testid="model-summary"][data-model-id="${modelId}"]`);
const percent = (ratio: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
const photosNamed = (...names: string[]) => photos().filter((photo) => names.includes(photoName(photo)));

/** Ticks the models, starts the comparison and resolves with its id once its page shows. */
async function startComparison(page: Page, models = [QWEN, GEMMA]): Promise<string> {
  for (const model of models) await modelCheck(page, model).check();
  await page.getByTestId('compare-start').click();
  await expect(page).toHaveURL(/#\/comparisons\/[^/]+$/);
  await expect(page.getByTestId('comparison-view')).toBeVisible();
  return decodeURIComponent(new URL(page.url()).hash.replace('#/comparisons/', ''));
}

const waitForComparisonEnd = (page: Page) =>
  expect(page.getByTestId('comparison-view')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });

test.describe('comparing models', () => {
  test.beforeEach(async ({ request }) => {
    await setDoubleOptions(request, { mistakes: { [GEMMA]: GEMMA_MISTAKES } });
  });
  test.afterEach(async ({ request }) => {
    await setDoubleOptions(request, { mistakes: {} });
  });

  test('runs two models over a labelled dataset and shows which is more accurate and which is faster', async ({ page }) => {
    const count = photos().length;
    const gemmaWrong = new Set(
      photos()
        .filter((photo) => photo.label in GEMMA_MISTAKES)
        .map(photoName),
    );
    expect(gemmaWrong.size).toBe(2);

    await page.goto('/');
    await chooseFiles(page, photoUploads());
    await page.getByTestId('compare-toggle').check();
    // The one-click buttons become checkboxes; nothing starts before two are ticked.
    await expect(page.getByTestId('model-button')).toHaveCount(0);
    await expect(page.getByTestId('compare-start')).toBeDisabled();
    await page.getByTestId('labels-input').setInputFiles(labelsCsv(photos(), ['missing.jpg,cat']));
    const groundTruth = page.getByTestId('ground-truth-summary');
    await expect(groundTruth).toContainText(`Labels ${count} of ${count} photos.`);
    await expect(groundTruth).toContainText('1 row matches no photo: missing.jpg');

    const comparisonId = await startComparison(page);
    await waitForComparisonEnd(page);

    await expect(page.getByTestId('comparison-row')).toHaveCount(count);
    for (const photo of photos()) {
      const line = row(page, photoName(photo));
      const gemmaRight = !gemmaWrong.has(photoName(photo));
      await expect(answer(line, QWEN)).toContainText(photo.label);
      await expect(answer(line, QWEN)).toHaveAttribute('data-correct', 'true');
      await expect(answer(line, GEMMA)).toHaveAttribute('data-correct', String(gemmaRight));
      await expect(line).toHaveAttribute('data-agree', String(gemmaRight));
    }
    const puppies = answer(row(page, 'puppies.jpg'), GEMMA);
    await expect(puppies).toContainText('cat');
    await expect(puppies).toHaveAttribute('title', /cat is not dog/);

    const qwen = summary(page, QWEN);
    const gemma = summary(page, GEMMA);
    await expect(qwen.getByTestId('accuracy')).toHaveText('100%');
    await expect(qwen).toContainText(`${count} of ${count} right`);
    await expect(gemma.getByTestId('accuracy')).toHaveText(percent((count - 2) / count));
    await expect(gemma).toContainText(`${count - 2} of ${count} right`);
    await expect(qwen.getByTestId('most-accurate')).toBeVisible();
    await expect(gemma.getByTestId('most-accurate')).toHaveCount(0);
    await expect(page.getByTestId('fastest')).toHaveCount(1);
    await expect(gemma.getByTestId('confusions')).toContainText('dog → cat ×1');
    await expect(gemma.getByTestId('confusions')).toContainText('bird → airplane ×1');
    await expect(page.getByTestId('agreement')).toContainText(`agree on ${count - 2} of ${count} photos`);

    const chart = page.getByTestId('accuracy-chart');
    await expect(chart.locator('svg[role="img"] > title')).toHaveText('Speed and accuracy');
    await expect(chart.locator('.accuracy-chart__point')).toHaveCount(2);
    await expect(chart.locator('table tbody tr')).toHaveCount(2);
    await expect(page.getByRole('link', { name: 'Summary CSV' })).toHaveAttribute(
      'href',
      `/api/comparisons/${comparisonId}/export?format=summary`,
    );

    // The address keeps the comparison: after a reload everything comes from the server.
    await page.reload();
    await expect(page.getByTestId('comparison-row')).toHaveCount(count);
    await expect(summary(page, QWEN).getByTestId('accuracy')).toHaveText('100%');
    await expect(answer(row(page, 'puppies.jpg'), GEMMA)).toHaveAttribute('data-correct', 'false');
    await expect(row(page, 'puppies.jpg').locator('img')).toHaveAttribute('src', /\/api\/batches\/[^/]+\/items\/\d+\/thumbnail/);
  });

  test('compares without labels, then judges a photo as soon as its label is typed', async ({ page }) => {
    const chosen = photosNamed('puppies.jpg', 'airplane.jpg', 'flower.webp');
    await page.goto('/');
    await chooseFiles(
      page,
      chosen.map((photo) => photoAs(photoName(photo), photo)),
    );
    await page.getByTestId('compare-toggle').check();
    await expect(page.getByTestId('ground-truth-summary')).toContainText('Without labels');
    const comparisonId = await startComparison(page);
    await waitForComparisonEnd(page);

    await expect(page.getByTestId('comparison-row')).toHaveCount(3);
    await expect(page.locator('[data-testid="answer"][data-correct]')).toHaveCount(0);
    await expect(summary(page, QWEN).getByTestId('accuracy')).toHaveText('—');
    await expect(summary(page, QWEN)).toContainText('No labels yet');
    await expect(page.getByTestId('accuracy-chart')).toHaveCount(0);
    await expect(page.getByTestId('agreement')).toContainText('agree on 2 of 3 photos');
    await expect(row(page, 'puppies.jpg')).toHaveAttribute('data-agree', 'false');
    await expect(answer(row(page, 'puppies.jpg'), GEMMA)).toContainText('cat');

    const label = row(page, 'puppies.jpg').getByTestId('label-edit');
    await label.fill('Dog');
    await label.press('Enter');
    await expect(answer(row(page, 'puppies.jpg'), QWEN)).toHaveAttribute('data-correct', 'true');
    await expect(answer(row(page, 'puppies.jpg'), GEMMA)).toHaveAttribute('data-correct', 'false');
    await expect(label).toHaveValue('dog');
    await expect(summary(page, QWEN).getByTestId('accuracy')).toHaveText('100%');
    await expect(summary(page, QWEN)).toContainText('1 of 1 right');
    await expect(summary(page, GEMMA).getByTestId('accuracy')).toHaveText('0%');
    await expect(summary(page, QWEN).getByTestId('most-accurate')).toBeVisible();
    await expect(page.getByTestId('accuracy-chart')).toBeVisible();
    await expect(row(page, 'airplane.jpg').locator('[data-correct]')).toHaveCount(0);

    // Past comparisons have their own tab in the history.
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('link', { name: 'Comparisons' }).click();
    const entry = page.locator(`[data-testid="comparison-history-item"][data-comparison-id="${comparisonId}"]`);
    await expect(entry).toContainText('3 photos');
    await expect(entry).toContainText('1 of 3 labelled');
    await entry.getByRole('link', { name: 'Open' }).click();
    await expect(page).toHaveURL(new RegExp(`#/comparisons/${comparisonId}$`));
    await expect(row(page, 'puppies.jpg').getByTestId('label-edit')).toHaveValue('dog');

    // Deleted from its own view, asked twice, it leaves the history and the page goes back there.
    const view = page.getByTestId('comparison-view');
    await view.getByRole('button', { name: 'Delete' }).click();
    await expect(view).toContainText('Every model’s results, the photos and the review go too.');
    await view.getByRole('button', { name: 'Delete for good' }).click();
    await expect(page).toHaveURL(/#\/history\/comparisons$/);
    await expect(entry).toHaveCount(0);
    await page.goto(`/#/comparisons/${comparisonId}`);
    await expect(page.getByText('This comparison does not exist (any more).')).toBeVisible();
  });

  test('takes the labels from the names of the folders the photos were picked in', async ({ page }) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'vision-e2e-folders-'));
    try {
      const dataset = path.join(root, 'dataset');
      for (const photo of photosNamed('puppies.jpg', 'bird_8bit_palette.bmp')) {
        mkdirSync(path.join(dataset, photo.label), { recursive: true });
        copyFileSync(photo.absolutePath, path.join(dataset, photo.label, photoName(photo)));
      }
      await page.goto('/');
      await page.getByTestId('folder-input').setInputFiles(dataset);
      await expect(page.locator('[data-testid="preview-item"][data-state="ok"]')).toHaveCount(2);
      await page.getByTestId('compare-toggle').check();
      await expect(page.getByTestId('ground-truth-summary')).toContainText('Labels 2 of 2 photos. From the folder names: bird ×1, dog ×1');

      const comparisonId = await startComparison(page);
      await waitForComparisonEnd(page);
      // Uploaded under their folder paths, so two photos of the same name in two folders stay apart.
      const puppies = row(page, 'dataset/dog/puppies.jpg');
      await expect(puppies.getByTestId('label-edit')).toHaveValue('dog');
      await expect(answer(puppies, QWEN)).toHaveAttribute('data-correct', 'true');
      await expect(answer(puppies, GEMMA)).toHaveAttribute('data-correct', 'false');
      await expect(summary(page, GEMMA).getByTestId('accuracy')).toHaveText('0%');

      // Deleted from the history, with both models' batches.
      const batchIds = await page
        .getByTestId('model-summary')
        .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-batch-id')));
      expect(batchIds).toEqual([expect.any(String), expect.any(String)]);
      // In the batches' history each model's run leads to its comparison, which is what deletes it.
      await page.goto('/#/history');
      for (const batchId of batchIds) {
        const batchEntry = page.locator(`[data-testid="history-item"][data-batch-id="${batchId}"]`);
        await expect(batchEntry.getByTestId('history-comparison-link')).toHaveAttribute('href', `#/comparisons/${comparisonId}`);
        await expect(batchEntry.getByRole('button', { name: 'Delete' })).toHaveCount(0);
      }
      await page.goto('/#/history/comparisons');
      const entry = page.locator(`[data-testid="comparison-history-item"][data-comparison-id="${comparisonId}"]`);
      await entry.getByRole('button', { name: 'Delete' }).click();
      await entry.getByRole('button', { name: 'Delete for good' }).click();
      await expect(entry).toHaveCount(0);
      await page.goto('/#/history');
      for (const batchId of batchIds) await expect(page.locator(`[data-testid="history-item"][data-batch-id="${batchId}"]`)).toHaveCount(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('cancels a comparison: the running model stops and the one waiting its turn never starts', async ({ page, request }) => {
    // About 3 s per photo: the first model is still running when Cancel is clicked.
    await setDoubleOptions(request, { generationTokensPerSecond: 3 });
    try {
      await page.goto('/');
      await chooseFiles(page, photoUploads());
      await page.getByTestId('compare-toggle').check();
      await startComparison(page);
      const progress = (modelId: string) => page.locator(`[data-testid="model-progress"][data-model-id="${modelId}"]`);
      await expect(progress(QWEN)).toContainText('Running');
      await expect(progress(GEMMA)).toContainText('Waits for the model before it');

      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByTestId('comparison-view')).toHaveAttribute('data-status', 'cancelled', { timeout: 15_000 });
      await expect(summary(page, GEMMA)).toContainText('Cancelled');
      await expect(answer(page.getByTestId('comparison-view'), GEMMA)).toHaveText(Array(photos().length).fill('Cancelled'));
    } finally {
      await setDoubleOptions(request, { generationTokensPerSecond: 40 });
    }
  });
});
