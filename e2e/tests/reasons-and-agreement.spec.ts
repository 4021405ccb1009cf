import { expect, test, type Page } from '@playwright/test';
import { cards, chooseFiles, GEMMA, modelCheck, QWEN, setDoubleOptions, startBatch, waitForBatchEnd } from '../support/app';
import { photoAs, photos, textAsPng } from '../support/files';
import { DOUBLE_ORIGIN } from '../support/ports';

const puppies = () => photos().find((photo) => photo.file.endsWith('puppies.jpg'))!;

test.describe('in Russian', () => {
  test.use({ locale: 'ru-RU' });

  test("gives a refused file's reason in Russian, keeps the server's words as details, and offers no retry", async ({ page }) => {
    await startBatch(page, [photoAs('good.jpg'), textAsPng('notes.png')]);
    await waitForBatchEnd(page);

    const refused = cards(page).filter({ hasText: 'notes.png' });
    await expect(refused).toHaveAttribute('data-status', 'error');
    const reason = refused.getByTestId('item-error');
    await expect(reason).toHaveAttribute('data-error-code', 'not-an-image');
    await expect(reason).toContainText('Это не изображение (формат не распознан).');
    await expect(reason.getByTestId('failure-details')).toContainText('not an image');
    await expect(page.getByTestId('stats')).toContainText('успешно 1, с ошибкой 1');
    // The only failure is a file that was not kept: nothing can run again, so nothing is offered.
    await expect(page.getByTestId('retry-button')).toHaveCount(0);
    await expect(page.getByTestId('cancel-button')).toHaveCount(0);
  });

  test('offers to retry only what can run again, and counts only that', async ({ page, request }) => {
    const injected = await request.post(`${DOUBLE_ORIGIN}/__double/faults`, { data: { kind: 'http-500', times: 1 } });
    expect(injected.ok()).toBe(true);
    await startBatch(page, [photoAs('one.jpg'), textAsPng('notes.png'), photoAs('two.jpg', photos()[1])]);
    await waitForBatchEnd(page);
    await expect(cards(page, 'error')).toHaveCount(2);

    // Two failed, but the refused file was not kept: only the model's failure can run again.
    const retry = page.getByTestId('retry-button');
    await expect(retry).toHaveText('Повторить неудачные (1)');
    await retry.click();
    await expect(cards(page, 'success')).toHaveCount(2);
    await waitForBatchEnd(page);
    await expect(cards(page).filter({ hasText: 'notes.png' })).toHaveAttribute('data-status', 'error');
    await expect(retry).toHaveCount(0);
  });

  test.describe('a comparison where one model says "cat" and the other "tabby"', () => {
    test.beforeEach(async ({ request }) => {
      await setDoubleOptions(request, { mistakes: { [QWEN]: { dog: 'cat' }, [GEMMA]: { dog: 'tabby' } } });
    });
    test.afterEach(async ({ request }) => {
      await setDoubleOptions(request, { mistakes: {} });
    });

    test('counts them as agreeing and says how, in Russian', async ({ page }) => {
      await page.goto('/');
      await chooseFiles(page, [photoAs('puppies.jpg', puppies())]);
      await page.getByTestId('compare-toggle').check();
      await page
        .getByTestId('labels-input')
        .setInputFiles({ name: 'labels.csv', mimeType: 'text/csv', buffer: Buffer.from('filename,label\npuppies.jpg,cat\n') });
      await startComparison(page, [QWEN, GEMMA]);

      const row = page.locator('[data-testid="comparison-row"][data-filename="puppies.jpg"]');
      await expect(row.locator(`[data-testid="answer"][data-model-id="${QWEN}"]`)).toContainText('cat');
      const tabby = row.locator(`[data-testid="answer"][data-model-id="${GEMMA}"]`);
      await expect(tabby).toContainText('tabby');
      await expect(tabby).toHaveAttribute('data-correct', 'true');
      // The judge's reason, said in Russian from its parts.
      await expect(tabby).toContainText('tabby — разновидность cat (WordNet: tabby → domestic cat → cat)');
      await expect(row).toHaveAttribute('data-agree', 'true');
      await expect(row.getByTestId('agreement-how')).toHaveText('tabby — разновидность cat');
      await expect(page.getByTestId('agreement')).toContainText('Модели согласны на 1 из 1 фото.');
      await expect(page.getByTestId('cancel-button')).toHaveCount(0);
    });
  });
});

/** Ticks the models, starts the comparison and waits for every model's run to end. */
async function startComparison(page: Page, models: string[]): Promise<void> {
  for (const model of models) await modelCheck(page, model).check();
  await page.getByTestId('compare-start').click();
  await expect(page).toHaveURL(/#\/comparisons\/[^/]+$/);
  await expect(page.getByTestId('comparison-view')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
}
