import { expect, test } from '@playwright/test';
import { GUARDED_APP_PORT, GUARDED_TOKEN } from '../support/ports';

const guarded = `http://127.0.0.1:${GUARDED_APP_PORT}`;

test('asks once for the access token of a shared server, then works with it', async ({ page, context }) => {
  await page.goto(guarded);
  const form = page.getByTestId('access-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('dropzone')).toHaveCount(0);

  await page.getByLabel('Access token').fill('not-the-token');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(form.getByRole('alert')).toContainText('not right');

  await page.getByLabel('Access token').fill(GUARDED_TOKEN);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('dropzone')).toBeVisible();
  await expect(page.locator('[data-testid="model-button"][data-model-id="qwen/qwen3-vl-4b"]')).toBeVisible();

  // The session cookie carries the token from now on: a reload does not ask again.
  await page.reload();
  await expect(page.getByTestId('dropzone')).toBeVisible();
  const cookies = await context.cookies(guarded);
  expect(cookies.find((cookie) => cookie.name === 'vision_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
});
