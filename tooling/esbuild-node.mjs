/**
 * Builds a Node entry point of this workspace into plain JavaScript with esbuild: the workspace's own packages
 * (`@vision/*`, consumed as TypeScript source) are bundled in, every other package stays an import that Node
 * resolves from the app's node_modules at run time. Those must therefore be the app's own dependencies (pnpm
 * links nothing else there): the build fails, naming the package, when one is missing.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const BUILTINS = new Set(builtinModules);

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @param {{ root: string, entryPoints: Record<string, string>, outdir?: string }} options */
export async function buildNode({ root, entryPoints, outdir = 'dist' }) {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
  const missing = new Set();
  const externals = {
    name: 'externals',
    setup(plugin) {
      plugin.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || BUILTINS.has(args.path)) return { path: args.path, external: true };
        const name = packageName(args.path);
        if (name.startsWith('@vision/')) return undefined;
        if (!dependencies.has(name)) missing.add(name);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [externals],
  });
  if (missing.size) {
    throw new Error(`${manifest.name}: add ${[...missing].join(', ')} to its dependencies (imported by the bundled workspace packages)`);
  }
  return result;
}
