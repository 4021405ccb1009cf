import { expect, test } from '@playwright/test';
import { cards, startBatch, waitForBatchEnd } from '../support/app';
import { photoAs, photos } from '../support/files';

test.describe('in Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('follows the browser language and formats numbers the Russian way', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { name: 'Фотографии' })).toBeVisible();
    await expect(page.getByTestId('dropzone')).toContainText('Перетащите фотографии сюда');
    await expect(page.getByRole('contentinfo')).toHaveText('Изображения уходят только в LM Studio на этом компьютере.');

    await startBatch(page, [photoAs('beach.jpg', photos()[1])]);
    await waitForBatchEnd(page);
    await expect(cards(page, 'success')).toHaveCount(1);
    await expect(page.getByTestId('stats')).toContainText('успешно 1, с ошибкой 0');
    // A decimal comma and Russian units: "0,52 с", "44,1 ток/с".
    await expect(cards(page).first()).toContainText(/\d,\d+\u00a0с/);
    await expect(cards(page).first()).toContainText('ток/с');
  });

  test('switches to English and remembers the choice', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Photos' })).toBeVisible();
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Photos' })).toBeVisible();
  });
});
