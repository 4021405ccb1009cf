// `pnpm --filter @vision/client build`: the CLI as plain JavaScript in dist/ (see tooling/esbuild-node.mjs),
// which bin/vision-batch.js runs.
import { fileURLToPath } from 'node:url';
import { buildNode } from '../../tooling/esbuild-node.mjs';

await buildNode({ root: fileURLToPath(new URL('.', import.meta.url)), entryPoints: { cli: 'src/cli/main.ts' } });
