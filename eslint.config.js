// ESLint for the whole monorepo (`pnpm lint`). Besides typescript-eslint's recommended rules and React's hooks
// rules, it enforces ARCHITECTURE.md's table of which package may import which: a forbidden import fails
// `pnpm lint`, not only a review. tooling/lint/boundaries.test.ts proves each boundary refuses and allows.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The subpaths of `@vision/core` that the web app and the client may import: each loads no sharp, openai or
 * node built-ins, so it runs in a browser. They are listed once, as `pureExports` in core's package.json, whose
 * pure-entries test bundles each for the browser; bare `@vision/core` (the batch service, sharp, openai) and
 * deep `@vision/core/src/...` stay refused.
 */
const coreManifest = JSON.parse(readFileSync(new URL('./packages/core/package.json', import.meta.url), 'utf8'));
export const PURE_CORE_SUBPATHS = coreManifest.pureExports.map((entry) => entry.replace(/^\.\//, ''));

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Any `@vision/core` import that is not one of the pure subpaths. */
const IMPURE_CORE = {
  regex: `^@vision/core(?!/(?:${PURE_CORE_SUBPATHS.map(escape).join('|')})$)(?:/.*)?$`,
  message:
    'Only the pure subpaths of core may be imported here (PURE_CORE_SUBPATHS in eslint.config.js): ' +
    'bare @vision/core loads sharp, openai and node built-ins.',
};

/**
 * Reaching into another package by a relative path (`../../core/src/...`, `../../../apps/server/src/...`)
 * would dodge every rule below.
 */
const relativeInto = (...packages) => ({
  regex: `^(?:\\.\\./)+(?:(?:apps|packages)/)?(?:${packages.join('|')})(?:/|$)`,
  message: 'Import another package by its name (@vision/...), never by a relative path into its folder.',
});

const notAllowed = (who, names, why) =>
  names.map((name) => ({ name, message: `${who} may not import ${name}: ${why} (ARCHITECTURE.md).` }));

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

const FRAMEWORKS = ['express', 'multer', 'helmet', 'react', 'react-dom', '@libsql/client', 'pg', 'bullmq', 'ioredis'];

/** The argument of `@typescript-eslint/no-restricted-imports` for one package's files. */
const restrict = ({ paths = [], patterns = [] }) => ['error', { paths, patterns }];

const core = restrict({
  paths: [
    ...notAllowed('core', FRAMEWORKS, 'core is the framework-free domain'),
    ...notAllowed(
      'core',
      ['@vision/api-contract', '@vision/server', '@vision/web', '@vision/client'],
      'the other packages build on core, not the reverse',
    ),
  ],
  patterns: [
    { group: ['@trpc/*'], message: 'core may not import tRPC: core is the framework-free domain (ARCHITECTURE.md).' },
    {
      group: ['@vision/server/*', '@vision/api-contract/*', '@vision/client/*', '@vision/web/*'],
      message: 'core may not import the packages built on it (ARCHITECTURE.md).',
    },
    relativeInto('server', 'web', 'api-contract', 'client', 'testkit'),
  ],
});

const apiContract = restrict({
  patterns: [
    {
      regex: '^(?!@vision/core(?:/.*)?$|@trpc/server(?:/.*)?$|zod(?:/.*)?$|vitest$|\\.)',
      message: 'api-contract imports only @vision/core, @trpc/server and zod (ARCHITECTURE.md).',
    },
    relativeInto('server', 'web', 'core', 'client', 'testkit'),
  ],
});

/** The web app and the client share the same rule about the contract and core. */
const typeOnlyContract = (who) => ({
  name: '@vision/api-contract',
  allowTypeImports: true,
  message: `${who} imports only types from @vision/api-contract (\`import type\`): its values load the router and core.`,
});

const webPaths = [
  typeOnlyContract('The web app'),
  ...notAllowed(
    'The web app',
    ['@vision/server', '@vision/client', '@vision/testkit', 'express', 'multer', 'helmet', '@libsql/client'],
    'it runs in the browser and talks to the server over tRPC',
  ),
];
const webPatterns = [
  IMPURE_CORE,
  {
    group: ['@vision/server/*', '@vision/client/*', '@vision/api-contract/*'],
    message: 'The web app never imports server or client code (ARCHITECTURE.md).',
  },
  relativeInto('core', 'api-contract', 'client', 'testkit', 'server'),
];
const web = restrict({
  paths: [
    ...webPaths,
    // The pure subpaths that load zod: the page takes their types only.
    ...['@vision/core/schemas', '@vision/core/errors'].map((name) => ({
      name,
      allowTypeImports: true,
      message: `The web app's code imports only types from ${name}: its values bring zod into the page (~100 KB).`,
    })),
  ],
  patterns: webPatterns,
});
/** The web app's tests run in Node: they may check answers against the schemas. */
const webTests = restrict({ paths: webPaths, patterns: webPatterns });

const clientPaths = [
  typeOnlyContract('The client'),
  ...notAllowed(
    'The client',
    ['@vision/web', 'express', 'multer', 'helmet', '@libsql/client', 'react'],
    'it is a Node client of the server',
  ),
];
const clientPatterns = [IMPURE_CORE, relativeInto('server', 'web', 'core', 'api-contract', 'testkit')];
const serverAtRunTime = {
  group: ['@vision/server', '@vision/server/*'],
  message: 'The client never loads server code at run time; only its tests start a server (ARCHITECTURE.md).',
};
const client = restrict({ paths: clientPaths, patterns: [...clientPatterns, serverAtRunTime] });
const clientTests = restrict({ paths: clientPaths, patterns: clientPatterns });

const testkit = restrict({
  patterns: [
    {
      group: ['@vision/*'],
      message: 'testkit stands alone: it never imports core, the server or any other package (ARCHITECTURE.md).',
    },
    relativeInto('server', 'web', 'core', 'api-contract', 'client'),
  ],
});

const serverPatterns = [
  {
    group: ['@vision/web', '@vision/web/*', '@vision/client', '@vision/client/*', 'react', 'react-dom'],
    message: 'The server serves the built web app; it never imports web or client code (ARCHITECTURE.md).',
  },
  relativeInto('web', 'client'),
];
/** BullMQ and Redis stay in one room (as in Immich): the queue's adapters; everything else sees core's ports. */
const QUEUE_ENGINE = ['bullmq', 'ioredis'].map((name) => ({
  name,
  message: `Only apps/server/src/queue/bullmq-*.ts and redis-*.ts may import ${name}: the rest of the server uses core's ports (ARCHITECTURE.md).`,
}));
const queueAdapter = restrict({ patterns: serverPatterns });
const server = restrict({ paths: QUEUE_ENGINE, patterns: serverPatterns });

export default defineConfig([
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/.turbo/',
    '**/coverage/',
    '**/test-results/',
    '**/playwright-report/',
    '**/.data/',
    '**/fixtures/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: globals.node },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are how this codebase says "unused on purpose" (a callback's leading arguments).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // tsconfig's verbatimModuleSyntax already demands `import type` where it matters; this keeps it uniform.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The two rules of hooks. The plugin's `recommended` preset adds the React Compiler's rules (purity, refs,
    // set-state-in-effect), which this app does not use: it keeps a callback's latest version in a ref and
    // syncs state to external things (timers, object URLs) in effects, the documented pre-Compiler patterns.
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests (and the server's test harness) read the seed's untyped JSON answers; `any` is the honest type there.
    files: [...TESTS, '**/testing/**', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Small units: a file says one thing and a function reads in one sitting. Tests, test support and the
    // message catalogues (one entry per message) are long by nature.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: [...TESTS, '**/testing/**', 'e2e/**', 'apps/web/src/i18n/messages-*.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 90 }],
    },
  },
  {
    files: ['apps/web/src/**'],
    ignores: TESTS,
    languageOptions: { globals: globals.browser },
  },

  // ARCHITECTURE.md's table: one `no-restricted-imports` per package. Each file matches exactly one block
  // (flat config replaces a rule's options, it does not merge them).
  { files: ['packages/core/**'], rules: { '@typescript-eslint/no-restricted-imports': core } },
  { files: ['packages/api-contract/**'], rules: { '@typescript-eslint/no-restricted-imports': apiContract } },
  { files: ['apps/web/**'], rules: { '@typescript-eslint/no-restricted-imports': web } },
  { files: TESTS.map((pattern) => `apps/web/${pattern}`), rules: { '@typescript-eslint/no-restricted-imports': webTests } },
  { files: ['packages/client/**'], rules: { '@typescript-eslint/no-restricted-imports': client } },
  { files: ['packages/client/**/*.test.ts'], rules: { '@typescript-eslint/no-restricted-imports': clientTests } },
  { files: ['packages/testkit/**'], rules: { '@typescript-eslint/no-restricted-imports': testkit } },
  { files: ['apps/server/**'], rules: { '@typescript-eslint/no-restricted-imports': server } },
  {
    files: ['apps/server/src/queue/bullmq-*.ts', 'apps/server/src/queue/redis-*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': queueAdapter },
  },
]);
