import { expect, test } from '@playwright/test';
import { GEMMA, modelButton, QWEN } from '../support/app';

test.describe('choosing a model', () => {
  test('offers the seed models as buttons and disables the ones that cannot see, saying why', async ({ page }) => {
    await page.goto('/');
    await expect(modelButton(page, QWEN)).toBeVisible();
    await expect(modelButton(page, GEMMA)).toBeVisible();
    const textOnly = modelButton(page, 'qwen/qwen3-4b');
    await expect(textOnly).toBeDisabled();
    await expect(page.locator('.model').filter({ has: textOnly })).toContainText('cannot see images');
    // No photos yet: nothing to start.
    await expect(modelButton(page, QWEN)).toBeDisabled();
    await expect(page.getByText('Add photos first.')).toBeVisible();
  });

  test('says what to do when LM Studio does not answer', async ({ page }) => {
    await page.route('**/trpc/models.list**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify([
          { error: { message: 'Cannot list models from LM Studio at http://localhost:1234/v1: fetch failed.', code: -32603, data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 } } },
        ]),
      }),
    );
    await page.goto('/');
    const banner = page.getByRole('alert').filter({ hasText: 'LM Studio does not answer' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('LMSTUDIO_BASE_URL');
    await expect(banner).toContainText('http://localhost:1234/v1');
  });

  test('says so when LM Studio lists no vision model', async ({ page }) => {
    const textModel = { id: 'qwen/qwen3-4b', vision: false, loaded: true, type: 'llm', quantization: 'Q4_K_M', maxContextLength: 32768, parallel: 4 };
    await page.route('**/trpc/models.list**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify([{ result: { data: [textModel] } }]) }),
    );
    await page.goto('/');
    await expect(page.getByText('LM Studio lists no vision model')).toBeVisible();
    await expect(modelButton(page, QWEN)).toBeDisabled();
    await expect(page.locator('.model').filter({ has: modelButton(page, QWEN) })).toContainText('not in LM Studio');
  });
});
