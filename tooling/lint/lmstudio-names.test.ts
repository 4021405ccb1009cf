import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { environmentNames, filesUsingServerName } from './lmstudio-names';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The limit (#22): LM Studio's name belongs to its adapter, not to the code that serves any server. */
const MOST_FILES_OUTSIDE_THE_ADAPTER = 5;

const trees: string[] = [];
afterEach(() => trees.splice(0).forEach((tree) => rmSync(tree, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lmstudio-names-'));
  trees.push(dir);
  const withEnv = { 'apps/server/src/env.ts': 'z.object({ LMSTUDIO_BASE_URL: z.string(), LMSTUDIO_API_KEY: z.string() });', ...files };
  for (const [file, text] of Object.entries(withEnv)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('lmstudio identifiers outside LM Studio adapter', () => {
  it('counts identifiers in source files, not words in strings, comments, templates or regular expressions', () => {
    const dir = tree({
      'packages/core/src/pool.ts': 'export const lmStudioClient = 1;\nconst lmstudioHost = lmStudioClient;',
      'packages/core/src/words.ts': "// lmstudio\nconst a = 'lmstudio';\nconst b = `${a} lmstudio`;\nconst c = /LMSTUDIO_\\w+/;",
      'apps/web/src/banner.tsx': 'export const x = <p>{t.unreachableStepsLmStudio}</p>;',
      'bench/src/run.mjs': 'export function startLmStudio() {}',
    });
    expect(Object.fromEntries(filesUsingServerName(dir))).toEqual({
      'packages/core/src/pool.ts': ['lmStudioClient', 'lmstudioHost'],
      'apps/web/src/banner.tsx': ['unreachableStepsLmStudio'],
      'bench/src/run.mjs': ['startLmStudio'],
    });
  });

  it("leaves out tests, the adapter's own folders, node_modules and dist", () => {
    const dir = tree({
      'packages/core/src/pool.test.ts': 'const lmStudio = 1;',
      'e2e/tests/batch.spec.ts': 'const lmStudio = 1;',
      'packages/core/src/lmstudio/lmstudio-adapter.ts': 'export const lmStudioAdapter = 1;',
      'packages/testkit/src/double/kinds/lmstudio.ts': 'export const lmStudioDialect = 1;',
      'packages/core/node_modules/x/index.ts': 'const lmStudio = 1;',
      'packages/core/dist/index.mjs': 'const lmStudio = 1;',
    });
    expect(filesUsingServerName(dir).size).toBe(0);
  });

  it('allows the env variables, the /api/ready field and the server kind, and nothing spelled like them elsewhere', () => {
    const dir = tree({
      'apps/server/src/harness.ts': "loadConfig({ LMSTUDIO_BASE_URL: url, LMSTUDIO_API_KEY: 'k' });",
      'apps/server/src/health.ts': 'res.json({ ok, lmstudio: together, hosts });',
      'packages/client/src/client.ts': 'interface Ready { ok: boolean; lmstudio: Health; hosts?: Host[] }',
      'packages/client/src/health.ts': 'type Ready = { ok: boolean; lmstudio: Health; hosts?: Host[] };',
      'packages/core/src/kinds.ts': 'const SLOTS = { lmstudio: 1, ollama: 1 };\nconst name = NAMES.lmstudio;',
      'packages/core/src/pool.ts': 'const LMSTUDIO_IMAGE_POLICY = 1;\nconst lmstudio = 2;\nconst ctx = { lmstudio: client };',
    });
    expect(Object.fromEntries(filesUsingServerName(dir))).toEqual({
      'packages/core/src/pool.ts': ['LMSTUDIO_IMAGE_POLICY', 'lmstudio'],
    });
  });

  it("reads the env variables from the server's env schema", () => {
    expect([...environmentNames(root)]).toEqual(expect.arrayContaining(['LMSTUDIO_BASE_URL', 'LMSTUDIO_API_KEY']));
  });

  it(`at most ${MOST_FILES_OUTSIDE_THE_ADAPTER} non-test files outside LM Studio's adapter use an lmstudio identifier`, () => {
    const files = filesUsingServerName(root);
    const listing = [...files].map(([file, names]) => `${file}: ${names.join(', ')}`).join('\n');
    expect(files.size, `files naming LM Studio outside its adapter:\n${listing}`).toBeLessThanOrEqual(MOST_FILES_OUTSIDE_THE_ADAPTER);
  });
});
