import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { debianChromium } from '@vision/testkit/chromium';
import sharp from 'sharp';
import { QWEN } from '../support/app';
import { APP_PORT } from '../support/ports';

const app = `http://127.0.0.1:${APP_PORT}`;

/**
 * What a hostile page does: a no-cors multipart POST, a "simple" request that no preflight stops. Runs in
 * the page; resolves with the response's type, or 'withheld' when the browser kept the answer from the page.
 */
async function sendUpload(page: Page, target: string, pngBase64: string, model: string): Promise<string> {
  return page.evaluate(
    async ({ target, pngBase64, model }) => {
      const bytes = Uint8Array.from(atob(pngBase64), (char) => char.charCodeAt(0));
      const form = new FormData();
      form.append('model', model);
      form.append('images[]', new Blob([bytes], { type: 'image/png' }), 'red.png');
      try {
        const response = await fetch(`${target}/api/batches`, { method: 'POST', mode: 'no-cors', body: form });
        return response.type;
      } catch {
        return 'withheld';
      }
    },
    { target, pngBase64, model },
  );
}

async function batchCount(request: APIRequestContext): Promise<number> {
  const response = await request.get(`${app}/trpc/batches.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { result: { data: { batches: unknown[] } } }).result.data.batches.length;
}

let attacker: http.Server;
let attackerPort: number;
let pngBase64: string;

test.beforeAll(async () => {
  pngBase64 = (
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer()
  ).toString('base64');
  // Another origin on this machine: same host, another port (a same-site request for Chromium).
  attacker = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>A web page</title><p>Nothing to see.'),
  );
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => attacker.close(() => resolve()));
});

test('a page on another origin cannot add a batch, while the same upload from the app itself is taken', async ({ page, request }) => {
  const before = await batchCount(request);
  // The server's answer reaches the browser, which withholds it from the page (Cross-Origin-Resource-Policy):
  // proof that each attempt was sent and answered.
  const withheld: string[] = [];
  page.on('requestfailed', (failed) => withheld.push(failed.failure()?.errorText ?? ''));

  // 127.0.0.1 on another port is same-site, so only Origin tells it apart; localhost is another site too.
  for (const origin of [`http://127.0.0.1:${attackerPort}`, `http://localhost:${attackerPort}`]) {
    await page.goto(`${origin}/`);
    await expect(page).toHaveTitle('A web page');
    expect(await sendUpload(page, app, pngBase64, QWEN), origin).toBe('withheld');
  }
  expect(withheld).toEqual(['net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin', 'net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin']);
  expect(await batchCount(request)).toBe(before);

  // The control: the very same request from the app's own page adds a batch, so the refusal above was no accident.
  await page.goto(`${app}/`);
  expect(await sendUpload(page, app, pngBase64, QWEN)).toBe('basic');
  await expect.poll(() => batchCount(request)).toBe(before + 1);
});

test('a page whose name resolves to 127.0.0.1 (DNS rebinding) gets 403 for the app and its API', async () => {
  // Chromium resolves rebind.test to loopback, as a rebinding attacker's DNS would.
  const browser = await chromium.launch({
    ...debianChromium,
    args: [...debianChromium.args, '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const response = await page.goto(`http://rebind.test:${APP_PORT}/`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('body')).toContainText('ALLOWED_HOSTS');
    const api = await page.evaluate(async () => {
      const answer = await fetch('/trpc/batches.list?input=%7B%22limit%22%3A50%7D');
      return { status: answer.status, body: await answer.text() };
    });
    expect(api.status).toBe(403);
    expect(api.body).not.toContain('batches":[');
  } finally {
    await browser.close();
  }
});
