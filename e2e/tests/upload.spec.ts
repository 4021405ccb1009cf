import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { modelButton, QWEN } from '../support/app';
import { emptyFile, photoAs, photoName, photos, svgFile, textAsPng } from '../support/files';

test.describe('choosing photos', () => {
  test('previews every picked photo with its name and the dataset total', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('file-input').setInputFiles(photos().map((photo) => photo.absolutePath));

    const previews = page.getByTestId('preview-item');
    await expect(previews).toHaveCount(photos().length);
    for (const photo of photos()) await expect(previews.filter({ hasText: photoName(photo) })).toHaveCount(1);
    // Object URLs, lazily decoded: never data URLs.
    const sources = await page
      .locator('[data-testid="preview-item"] img')
      .evaluateAll((images) => images.map((image) => image.getAttribute('src') ?? ''));
    expect(sources.length).toBe(photos().length);
    for (const source of sources) expect(source).toMatch(/^blob:/);
    await expect(page.locator('[data-testid="preview-item"] img').first()).toHaveAttribute('loading', 'lazy');
    await expect(page.getByTestId('dataset-info')).toContainText(`${photos().length} of 35 photos`);
    await expect(page.getByTestId('dataset-info')).toContainText('of 100 MB');
  });

  test('adds photos dropped on the drop zone', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('dropzone')).toBeVisible();
    const dropped = photos()
      .slice(0, 4)
      .map((photo) => ({ name: photoName(photo), base64: readFileSync(photo.absolutePath).toString('base64') }));
    await page.evaluate(async (files) => {
      // The window's drop listener is added by an effect, which React runs a moment after the zone appears.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const transfer = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name));
      }
      const zone = document.querySelector('[data-testid="dropzone"]')!;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    }, dropped);

    await expect(page.getByTestId('preview-item')).toHaveCount(4);
    for (const file of dropped)
      await expect(page.getByTestId('preview-item').filter({ hasText: file.name })).toHaveAttribute('data-state', 'ok');
    await expect(page.getByTestId('dataset-info')).toContainText('4 of 35 photos');
  });

  test('opens the file picker from the keyboard', async ({ page }) => {
    // Listening first: Playwright intercepts file choosers only once asked to, asynchronously.
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
    await page.goto('/');
    await page.getByTestId('dropzone').focus();
    await page.keyboard.press('Enter');
    const fileChooser = await chooser;
    expect(fileChooser.isMultiple()).toBe(true);
    await fileChooser.setFiles(photos()[0]!.absolutePath);
    await expect(page.getByTestId('preview-item')).toHaveCount(1);
  });

  test('marks the files the server will refuse, with the reason, before uploading', async ({ page }) => {
    await page.goto('/');
    await page
      .getByTestId('file-input')
      .setInputFiles([photoAs('real.jpg'), textAsPng('notes.png'), emptyFile('empty.jpg'), svgFile('logo.svg')]);

    const preview = (name: string) => page.getByTestId('preview-item').filter({ hasText: name });
    await expect(preview('real.jpg')).toHaveAttribute('data-state', 'ok');
    await expect(preview('notes.png')).toContainText('not an image');
    await expect(preview('empty.jpg')).toContainText('empty file');
    await expect(preview('logo.svg')).toContainText('SVG is not supported');
    await expect(page.getByTestId('dataset-info')).toContainText('3 files will fail');

    await page.getByRole('button', { name: 'Remove them' }).click();
    await expect(page.getByTestId('preview-item')).toHaveCount(1);
    await page.getByRole('button', { name: 'Remove real.jpg' }).click();
    await expect(page.getByTestId('preview-item')).toHaveCount(0);
    await expect(modelButton(page, QWEN)).toBeDisabled();
  });

  test('warns past 35 photos and keeps the model buttons disabled until some are removed', async ({ page }) => {
    await page.goto('/');
    const tooMany = Array.from({ length: 36 }, (_, index) => photoAs(`photo-${String(index + 1).padStart(2, '0')}.jpg`, photos()[4]));
    await page.getByTestId('file-input').setInputFiles(tooMany);

    await expect(page.getByTestId('dataset-info')).toContainText('36 of 35 photos');
    await expect(page.getByTestId('dataset-info')).toContainText('remove 1 photo');
    await expect(modelButton(page, QWEN)).toBeDisabled();

    await page.getByRole('button', { name: 'Remove photo-36.jpg' }).click();
    await expect(page.getByTestId('dataset-info')).toContainText('35 of 35 photos');
    await expect(modelButton(page, QWEN)).toBeEnabled();

    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect(page.getByTestId('preview-item')).toHaveCount(0);
  });

  test('skips a photo that is already in the list', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('file-input').setInputFiles(
      photos()
        .slice(0, 2)
        .map((photo) => photo.absolutePath),
    );
    await page.getByTestId('file-input').setInputFiles(
      photos()
        .slice(0, 3)
        .map((photo) => photo.absolutePath),
    );
    await expect(page.getByTestId('preview-item')).toHaveCount(3);
    await expect(page.getByTestId('dataset-info')).toContainText('2 files were already in the list');
  });
});
