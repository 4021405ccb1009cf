import { expect, test, type Locator, type Page } from '@playwright/test';
import { cards, chooseFiles, GEMMA, modelCheck, QWEN, startBatch, waitForBatchEnd } from '../support/app';
import { photoAs, photos } from '../support/files';

// Russian makes the widest units ("ток/с").
test.use({ locale: 'ru-RU' });

const WIDTHS = [390, 768, 1280];
const LONG_NAMES = [
  'Photographer portrait of a tabby cat sleeping on the windowsill in Lisbon.jpg',
  'holiday/2024-07-beach-day/DSC_20240714_183055_HDR_edited_final_version.jpg',
];

interface Overlap {
  text: string;
  overflow: number;
}

/** Metric values wider than their own box, or running into the next metric. */
function metricOverlaps(page: Page): Promise<Overlap[]> {
  return page.locator('.result__metrics').evaluateAll((lists) =>
    lists.flatMap((list) => {
      const metrics = [...list.children] as HTMLElement[];
      return metrics.flatMap((metric, position) => {
        const value = metric.querySelector('dd') as HTMLElement;
        const box = value.getBoundingClientRect();
        const next = metrics[position + 1]?.getBoundingClientRect();
        const sameLine = next !== undefined && Math.abs(next.top - metric.getBoundingClientRect().top) < 2;
        const intoNext = sameLine ? box.right - next.left : 0;
        const own = value.scrollWidth - value.clientWidth;
        const outOfCard = box.right - list.getBoundingClientRect().right;
        const overflow = Math.max(intoNext, own, outOfCard);
        return overflow > 0.5 ? [{ text: value.textContent ?? '', overflow }] : [];
      });
    }),
  );
}

/** Every place where a name's text breaks onto a new line in the middle of a word. */
function midWordBreaks(names: Locator): Promise<string[]> {
  return names.evaluateAll((elements) =>
    elements.flatMap((element) => {
      const text = element.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) return [];
      const content = text.textContent ?? '';
      const range = document.createRange();
      const tops: number[] = [];
      for (let index = 0; index < content.length; index += 1) {
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        tops.push(range.getBoundingClientRect().top);
      }
      const breaks: string[] = [];
      for (let index = 1; index < content.length; index += 1) {
        const newLine = tops[index]! - tops[index - 1]! > 2;
        // A line may start after a space, a path separator or punctuation, never inside a run of letters.
        if (newLine && /[\p{L}\p{N}]/u.test(content[index - 1]!) && /[\p{L}\p{N}]/u.test(content[index]!)) {
          breaks.push(`${content.slice(0, index)}|${content.slice(index)}`);
        }
      }
      return breaks;
    }),
  );
}

/** A name cut short must say so (ellipsis) and keep the whole name on hover. */
async function truncatedWithoutTitle(names: Locator): Promise<string[]> {
  return names.evaluateAll((elements) =>
    elements
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .filter((element) => getComputedStyle(element).textOverflow !== 'ellipsis' || element.getAttribute('title') !== element.textContent)
      .map((element) => element.textContent ?? ''),
  );
}

test.describe('layout at every width', () => {
  for (const width of WIDTHS) {
    test(`result cards keep four-digit speeds and long names inside their columns at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      const uploads = [
        ...photos()
          .slice(0, 3)
          .map((photo, index) => photoAs(LONG_NAMES[index % 2]!.replace('.jpg', `-${index}.jpg`), photo)),
      ];
      await startBatch(page, uploads);
      await waitForBatchEnd(page);
      await expect(cards(page, 'success')).toHaveCount(uploads.length);

      expect(await metricOverlaps(page)).toEqual([]);
      // The widest figures a card may have to show, whatever speed the double reached on this run.
      await page.locator('.result__metric dd').evaluateAll((values) => {
        for (const [position, value] of values.entries())
          value.textContent = ['123,45\u00a0с', '12\u00a0345\u00a0ток/с', '99,99\u00a0с'][position % 3]!;
      });
      expect(await metricOverlaps(page)).toEqual([]);
      expect(await midWordBreaks(page.locator('.result__filename'))).toEqual([]);
      expect(await truncatedWithoutTitle(page.locator('.result__filename'))).toEqual([]);
    });

    test(`the comparison table breaks long names only between words at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/');
      await chooseFiles(
        page,
        photos()
          .slice(0, 2)
          .map((photo, index) => photoAs(LONG_NAMES[index]!, photo)),
      );
      await page.getByTestId('compare-toggle').check();
      for (const model of [QWEN, GEMMA]) await modelCheck(page, model).check();
      await page.getByTestId('compare-start').click();
      await expect(page.getByTestId('comparison-view')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });

      const names = page.locator('.comparison-row__filename');
      await expect(names).toHaveCount(2);
      expect(await midWordBreaks(names)).toEqual([]);
      expect(await truncatedWithoutTitle(names)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    });
  }
});
