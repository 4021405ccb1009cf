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
          {
            error: {
              message: 'Cannot list models from LM Studio at http://localhost:1234/v1: fetch failed.',
              code: -32603,
              data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
            },
          },
        ]),
      }),
    );
    await page.goto('/');
    const banner = page.getByRole('alert').filter({ hasText: 'LM Studio does not answer' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('LMSTUDIO_BASE_URL');
    await expect(banner).toContainText('http://localhost:1234/v1');
  });

  test('names no product when a pool of several kinds does not answer, and says how to set the servers', async ({ page }) => {
    const down = { reachable: false, inRotation: false, slots: 1, modelCount: null, error: 'connection refused' };
    const hosts = [
      { ...down, baseUrl: 'http://gpu1:1234/v1', kind: 'lmstudio' },
      { ...down, baseUrl: 'http://gpu2:11434/v1', kind: 'ollama' },
    ];
    await page.route('**/trpc/models.hosts**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result: { data: hosts } }) }),
    );
    await page.route('**/trpc/models.list**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify([
          { error: { message: 'No inference server answers.', code: -32603, data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 } } },
        ]),
      }),
    );
    await page.goto('/');
    const banner = page.getByRole('alert').filter({ hasText: 'No inference server answers' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('INFERENCE_HOSTS');
    await expect(banner).not.toContainText('Open LM Studio');
  });

  test('says so when LM Studio lists no vision model', async ({ page }) => {
    const textModel = {
      id: 'qwen/qwen3-4b',
      vision: false,
      loaded: true,
      type: 'llm',
      quantization: 'Q4_K_M',
      maxContextLength: 32768,
      parallel: 4,
    };
    await page.route('**/trpc/models.list**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify([{ result: { data: [textModel] } }]) }),
    );
    await page.goto('/');
    await expect(page.getByText('LM Studio lists no vision model')).toBeVisible();
    await expect(modelButton(page, QWEN)).toBeDisabled();
    await expect(page.locator('.model').filter({ has: modelButton(page, QWEN) })).toContainText('not in LM Studio');
  });

  test('shows each inference server, its kind and slots, and whether it answers', async ({ page }) => {
    const hosts = [
      { baseUrl: 'http://gpu1:1234/v1', kind: 'lmstudio', reachable: true, inRotation: true, slots: 4, modelCount: 4, error: null },
      {
        baseUrl: 'http://gpu2:11434/v1',
        kind: null,
        reachable: false,
        inRotation: false,
        slots: 1,
        modelCount: null,
        error: 'Cannot reach Ollama at http://gpu2:11434/v1 (connection refused).',
      },
    ];
    // Asked on its own (not batched): the answer is one result, not a list.
    await page.route('**/trpc/models.hosts**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result: { data: hosts } }) }),
    );
    await page.goto('/');
    const servers = page.getByRole('group', { name: 'Inference servers' });
    await expect(servers.locator('li').nth(0)).toContainText('http://gpu1:1234/v1 LM Studio · 4 requests at once · answers');
    await expect(servers.locator('li').nth(1)).toContainText('http://gpu2:11434/v1 unknown server · 1 request at once · does not answer');
  });

  test('lists the real server the app talks to, and the footer names it as where photos go', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('group', { name: 'Inference servers' }).locator('li')).toContainText([
      'LM Studio · 4 requests at once · answers',
    ]);
    await expect(page.getByRole('contentinfo')).toHaveText('Images go to LM Studio on this machine only.');
  });

  test('says in the footer that photos go to each server of a pool, not to LM Studio alone', async ({ page }) => {
    const up = { reachable: true, inRotation: true, slots: 2, modelCount: 4, error: null };
    const hosts = [
      { ...up, baseUrl: 'http://gpu1:1234/v1', kind: 'lmstudio' },
      { ...up, baseUrl: 'http://gpu2:11434/v1', kind: 'ollama' },
    ];
    await page.route('**/trpc/models.hosts**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result: { data: hosts } }) }),
    );
    await page.goto('/');
    await expect(page.getByRole('contentinfo')).toHaveText('Images go only to the inference servers at gpu1:1234 and gpu2:11434.');
  });
});
