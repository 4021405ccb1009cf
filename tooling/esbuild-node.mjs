/**
 * Builds a Node entry point of this workspace into plain JavaScript with esbuild. The workspace's own packages
 * (`@vision/*`, consumed as TypeScript source) and the pure-JavaScript dependencies are bundled into one file:
 * loading express, zod or openai file by file took most of a start (over 2 s on a busy machine). The packages in
 * `external` (native addons, data files found by path) stay imports that Node resolves from the app's node_modules
 * at run time, so they must be the app's own dependencies (pnpm links nothing else there): the build fails,
 * naming the package, when one is missing.
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

/** @param {{ root: string, entryPoints: Record<string, string>, external?: string[], outdir?: string }} options */
export async function buildNode({ root, entryPoints, external = [], outdir = 'dist' }) {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
  const missing = new Set();
  const externals = {
    name: 'externals',
    setup(plugin) {
      plugin.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || BUILTINS.has(args.path)) return { path: args.path, external: true };
        const name = packageName(args.path);
        if (!external.includes(name)) return undefined;
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
    // Bundled CommonJS packages call require() for Node's built-ins, which an ES module lacks.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [externals],
  });
  if (missing.size) {
    throw new Error(`${manifest.name}: add ${[...missing].join(', ')} to its dependencies (imported by the bundled workspace packages)`);
  }
  return result;
}
