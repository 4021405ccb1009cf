/**
 * `pnpm bench:preview`: how fast the web app shows 35 photos of 12 MP as previews, against a bare page that only
 * puts the same files into <img> elements (the target: about as fast). Real Chromium, real files, the built app.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { debianChromium } from '@vision/testkit/chromium';
import { benchPhotos } from './photos';
import { startServerProcess } from './server-process';

const ROUNDS = 3;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Milliseconds from choosing the files to every preview image in `selector` decoded and laid out. */
async function timePreviews(page: Page, input: string, selector: string, files: string[]): Promise<number> {
  const startedAt = await page.evaluate(() => performance.now());
  await page.locator(input).setInputFiles(files);
  await page.waitForFunction(
    ({ selector, count }) => {
      // Runs in the page; the bench compiles without the DOM's types, as the rest of Node code here.
      type Image = { complete: boolean; naturalWidth: number };
      const page = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<Image> } };
      const images = Array.from(page.document.querySelectorAll(selector));
      return images.length === count && images.every((image) => image.complete && image.naturalWidth > 0);
    },
    { selector, count: files.length },
    { timeout: 120_000, polling: 16 },
  );
  return (await page.evaluate(() => performance.now())) - startedAt;
}

const BARE_PAGE = `<!doctype html><input id="files" type="file" multiple><div id="grid"></div>
<style>#grid img{width:160px;height:160px;object-fit:cover}</style>
<script>document.getElementById('files').addEventListener('change', (event) => {
  for (const file of event.target.files) { const img = document.createElement('img'); img.src = URL.createObjectURL(file); document.getElementById('grid').append(img); }
});</script>`;

const photos = await benchPhotos(log);
const files = photos.map((photo) => photo.path);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-bench-preview-'));
const server = await startServerProcess({ DATA_DIR: dataDir, INFERENCE_HOSTS: 'http://127.0.0.1:9/v1' });
const browser = await chromium.launch(debianChromium);
try {
  const app: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const appPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await appPage.goto(server.url);
    app.push(await timePreviews(appPage, '[data-testid="file-input"]', '[data-testid="preview-item"] img', files));
    await appPage.close();
    const barePage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await barePage.setContent(BARE_PAGE);
    bare.push(await timePreviews(barePage, '#files', '#grid img', files));
    await barePage.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const mb = photos.reduce((sum, photo) => sum + photo.bytes, 0) / 1e6;
  console.log(
    `Previews of ${files.length} photos of ~12 MP (${mb.toFixed(0)} MB), median of ${ROUNDS} rounds, Chromium ${browser.version()}:\n`,
  );
  console.log('| page | every preview shown | ratio |');
  console.log('| --- | --- | --- |');
  console.log(`| bare page, files into <img> | ${(median(bare) / 1000).toFixed(2)} s | 1.00× |`);
  console.log(`| the web app's drop zone | ${(median(app) / 1000).toFixed(2)} s | ${(median(app) / median(bare)).toFixed(2)}× |`);
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
