import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCircles, folderGraph, importGraph } from './import-circles';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const core = () => importGraph(path.join(root, 'packages/core/src'));

describe('import circles', () => {
  it('finds files that import each other, directly or around a loop, and nothing else', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
      ['f.ts', ['d.ts']],
    ]);
    expect(findCircles(graph)).toEqual(expect.arrayContaining([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]));
    expect(findCircles(graph)).toHaveLength(2);
  });

  it('reads type-only imports, re-exports and folder imports as imports', () => {
    const graph = core();
    expect(graph.get('accuracy/wordnet.ts')).toContain('accuracy/wordnet-format.ts');
    expect(graph.get('index.ts')).toContain('batch/index.ts');
    expect(graph.get('batch/batch-service.ts')).toContain('batch/batch-files.ts');
  });

  it('reads imports between folders from the imports between their files', () => {
    const graph = new Map([
      ['batch/a.ts', ['batch/b.ts', 'errors/index.ts']],
      ['errors/index.ts', ['schemas/x.ts']],
      ['index.ts', ['batch/a.ts']],
    ]);
    expect(Object.fromEntries(folderGraph(graph))).toEqual({ batch: ['errors'], errors: ['schemas'], 'index.ts': ['batch'] });
  });

  it('packages/core has none between files: each file sits above what it imports', () => {
    expect(findCircles(core())).toEqual([]);
  });

  it('packages/core has none between folders: a folder never imports back up into one that imports it', () => {
    expect(findCircles(folderGraph(core()))).toEqual([]);
  });
});
