import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { PURE_CORE_SUBPATHS } from '../../eslint.config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** What `pnpm lint` would say about `code` written at `file`: its errors (warnings do not fail the run). */
async function lintErrors(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.severity === 2);
}

async function expectRefused(file: string, code: string) {
  const errors = await lintErrors(file, code);
  expect(errors.map((error) => error.ruleId)).toContain('@typescript-eslint/no-restricted-imports');
}

async function expectAllowed(file: string, code: string) {
  expect(await lintErrors(file, code)).toEqual([]);
}

const valueImport = (from: string) => `import * as imported from '${from}';\nexport const used = imported;\n`;
const typeImport = (from: string) => `import type { AppRouter } from '${from}';\nexport type Used = AppRouter;\n`;

describe('core stays framework-free', () => {
  const file = 'packages/core/src/batch/new-file.ts';

  it.each([
    'express',
    'multer',
    'helmet',
    '@trpc/server',
    'react',
    '@libsql/client',
    '@vision/server',
    '@vision/server/testing',
    '@vision/api-contract',
    '@vision/web',
    '@vision/client',
  ])('refuses a core file importing %s', async (from) => expectRefused(file, valueImport(from)));

  it('refuses a core file reaching into the server by a relative path', async () => {
    await expectRefused(file, valueImport('../../../../apps/server/src/app'));
  });

  it.each(['sharp', 'openai', 'zod', 'node:fs/promises', '../images/sniff', '@vision/testkit'])(
    'allows a core file importing %s',
    async (from) => expectAllowed(file, valueImport(from)),
  );
});

describe('api-contract imports only core, tRPC server and zod', () => {
  const file = 'packages/api-contract/src/routers/new-router.ts';

  it.each(['express', '@trpc/client', 'sharp', 'react', '@vision/server'])('refuses an api-contract file importing %s', async (from) =>
    expectRefused(file, valueImport(from)),
  );

  it.each(['@vision/core', '@trpc/server', 'zod', '../trpc'])('allows an api-contract file importing %s', async (from) =>
    expectAllowed(file, valueImport(from)),
  );
});

describe('the web app takes types from the contract and only the pure subpaths of core', () => {
  const file = 'apps/web/src/features/batch/new-file.ts';

  it('refuses a web file importing the batch service from @vision/core', async () => {
    await expectRefused(file, `import { createBatchService } from '@vision/core';\nexport const service = createBatchService;\n`);
  });

  it('refuses a deep import into core and a subpath that is not listed as pure', async () => {
    await expectRefused(file, valueImport('@vision/core/src/accuracy/csv-rows'));
    await expectRefused(file, valueImport('@vision/core/batch'));
  });

  it('refuses a value import from @vision/api-contract', async () => {
    await expectRefused(file, `import { appRouter } from '@vision/api-contract';\nexport const router = appRouter;\n`);
  });

  it.each(['@vision/server', '@vision/server/testing', '@vision/client', 'express', '../../../../../packages/core/src/index'])(
    'refuses a web file importing %s',
    async (from) => expectRefused(file, valueImport(from)),
  );

  it('allows type-only imports from @vision/api-contract, as a statement or inline', async () => {
    await expectAllowed(file, typeImport('@vision/api-contract'));
    await expectAllowed(file, `import { type AppRouter } from '@vision/api-contract';\nexport type Used = AppRouter;\n`);
  });

  it.each(PURE_CORE_SUBPATHS.filter((subpath) => subpath !== 'schemas' && subpath !== 'errors'))(
    'allows the pure subpath @vision/core/%s',
    async (subpath) => expectAllowed(file, valueImport(`@vision/core/${subpath}`)),
  );

  it('takes only types from @vision/core/schemas and /errors (their values bring zod into the page), though its tests may check with them', async () => {
    await expectRefused(file, valueImport('@vision/core/schemas'));
    await expectRefused(file, valueImport('@vision/core/errors'));
    await expectAllowed(file, `import type { TBatchView } from '@vision/core/schemas';\nexport type Used = TBatchView;\n`);
    await expectAllowed('apps/web/src/features/batch/new-file.test.ts', valueImport('@vision/core/schemas'));
  });

  it.each(['react', '@trpc/client', '@tanstack/react-query', '../../lib/trpc'])('allows a web file importing %s', async (from) =>
    expectAllowed(file, valueImport(from)),
  );
});

describe('the client is typed by the contract and never loads the server', () => {
  const file = 'packages/client/src/cli/new-file.ts';

  it('refuses a client file importing the server, by package or by a relative path', async () => {
    await expectRefused(file, valueImport('@vision/server'));
    await expectRefused(file, valueImport('@vision/server/testing'));
    await expectRefused(file, valueImport('../../../../apps/server/src/app'));
  });

  it('refuses a value import from @vision/api-contract and the batch service from core', async () => {
    await expectRefused(file, valueImport('@vision/api-contract'));
    await expectRefused(file, valueImport('@vision/core'));
  });

  it('allows its tests to start a server', async () => {
    await expectAllowed('packages/client/src/cli/new-file.test.ts', valueImport('@vision/server/testing'));
  });

  it('allows type-only contract imports, the pure core subpaths, tRPC and eventsource', async () => {
    await expectAllowed(file, typeImport('@vision/api-contract'));
    for (const from of [...PURE_CORE_SUBPATHS.map((subpath) => `@vision/core/${subpath}`), '@trpc/client', 'eventsource']) {
      await expectAllowed(file, valueImport(from));
    }
  });
});

describe('testkit stands alone', () => {
  const file = 'packages/testkit/src/double/new-file.ts';

  it.each(['@vision/core', '@vision/server', '@vision/api-contract', '../../../core/src/index'])(
    'refuses a testkit file importing %s',
    async (from) => expectRefused(file, valueImport(from)),
  );

  it('allows sharp and node built-ins', async () => {
    await expectAllowed(file, valueImport('sharp'));
    await expectAllowed(file, valueImport('node:http'));
  });
});

describe('the queue engine stays in its adapter', () => {
  it.each(['bullmq', 'ioredis'])(
    'refuses %s in the server outside its queue adapters (queue/bullmq-*, queue/redis-*), and in core',
    async (from) => {
      await expectRefused('apps/server/src/app.ts', valueImport(from));
      await expectRefused('packages/core/src/queue/new-file.ts', valueImport(from));
    },
  );

  it.each(['bullmq', 'ioredis'])('allows %s in the queue adapters', async (from) => {
    await expectAllowed('apps/server/src/queue/bullmq-new-file.ts', valueImport(from));
    await expectAllowed('apps/server/src/queue/redis-new-file.ts', valueImport(from));
  });
});

describe('the list of pure core subpaths', () => {
  it('names only subpaths that core exports', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'packages/core/package.json'), 'utf8')) as {
      exports: Record<string, string>;
    };
    expect(PURE_CORE_SUBPATHS.length).toBeGreaterThan(0);
    for (const subpath of PURE_CORE_SUBPATHS) expect(Object.keys(manifest.exports)).toContain(`./${subpath}`);
  });
});

describe('small units', () => {
  const lines = (count: number) => Array.from({ length: count }, (_, index) => `export const value${index} = ${index};`).join('\n') + '\n';
  const longFunction = (bodyLines: number) =>
    `export function long(): number {\n  let total = 0;\n${'  total += 1;\n'.repeat(bodyLines)}  return total;\n}\n`;
  const ruleIds = async (file: string, code: string) => (await lintErrors(file, code)).map((error) => error.ruleId);

  it('refuses a source file over 300 lines and allows one of 300', async () => {
    expect(await ruleIds('packages/core/src/batch/new-file.ts', lines(301))).toContain('max-lines');
    expect(await ruleIds('packages/core/src/batch/new-file.ts', lines(300))).not.toContain('max-lines');
  });

  it('refuses a function over 90 lines and allows one of 90', async () => {
    // Four lines of the function are not its body: the signature, the `let`, the `return` and the closing brace.
    expect(await ruleIds('apps/server/src/new-file.ts', longFunction(87))).toContain('max-lines-per-function');
    expect(await ruleIds('apps/server/src/new-file.ts', longFunction(86))).not.toContain('max-lines-per-function');
  });

  it('lets tests and message catalogues be long', async () => {
    expect(await ruleIds('packages/core/src/batch/new-file.test.ts', lines(400))).not.toContain('max-lines');
    expect(await ruleIds('apps/web/src/i18n/messages-ru.ts', lines(400))).not.toContain('max-lines');
  });
});
