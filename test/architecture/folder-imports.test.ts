import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { at } from '../../src/common/checked-index';

/** One import (or export-from) of one file of another, both relative to the root. */
interface FileImport {
  readonly from: string;
  readonly to: string;
}

function typescriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import, export-from, require and dynamic import of the .ts files under `root`. */
function fileImports(root: string): FileImport[] {
  const imports: FileImport[] = [];
  for (const file of typescriptFiles(root)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), fileName);
      imports.push({ from: relative(root, file), to: relative(root, target) });
    }
  }
  return imports;
}

/** The top-level folder of a path relative to the root ('.' for a file directly in it). */
function folderOf(path: string): string {
  const parts = path.split(sep);
  return parts.length > 1 ? at(parts, 0) : '.';
}

/**
 * Every cycle between top-level folders, one per group of folders that reach each other, as
 * `a/x.ts -> b/y.ts -> ... -> a/z.ts`: the imports that close it.
 */
function folderCycles(root: string): string[] {
  const examples = new Map<string, FileImport>();
  const edges = new Map<string, Set<string>>();
  for (const link of fileImports(root)) {
    const [from, to] = [folderOf(link.from), folderOf(link.to)];
    if (from === to || to.startsWith('..')) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)?.add(to);
    if (!examples.has(`${from}>${to}`)) examples.set(`${from}>${to}`, link);
  }
  const cycles: string[] = [];
  const reported = new Set<string>();
  for (const start of [...edges.keys()].sort()) {
    if (reported.has(start)) continue;
    const path = pathBack(edges, start);
    if (path === undefined) continue;
    for (const folder of path) reported.add(folder);
    const hops = path.map((folder, index) => examples.get(`${folder}>${path[(index + 1) % path.length]}`) as FileImport);
    cycles.push(hops.map((hop) => `${hop.from} imports ${hop.to}`).join(', '));
  }
  return cycles;
}

/** The folders of a shortest path from `start` back to itself, or undefined (breadth first). */
function pathBack(edges: ReadonlyMap<string, ReadonlySet<string>>, start: string): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const folder = queue.shift() as string;
    for (const next of [...(edges.get(folder) ?? [])].sort()) {
      if (next === start) {
        const path = [folder];
        while (path[0] !== start) path.unshift(previous.get(at(path, 0)) as string);
        return path;
      }
      if (previous.has(next)) continue;
      previous.set(next, folder);
      queue.push(next);
    }
  }
  return undefined;
}

describe('imports between the folders of src/', () => {
  it('should find a cycle between folders, naming the files that close it', () => {
    const root = mkdtempSync(join(tmpdir(), 'dasmo-imports-'));
    try {
      const write = (path: string, text: string): void => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('a/one.ts', "import { two } from '../b/two';\nexport const one = two;\n");
      write('b/two.ts', "export { three as two } from '../c/three';\n");
      write('c/three.ts', "import type { Four } from '../a/four';\nexport const three = 3;\n");
      write('a/four.ts', "export type Four = 4;\nimport './one';\n");
      write('d/alone.ts', "import { one } from '../a/one';\nexport const alone = one;\n");
      expect(folderCycles(root)).toEqual([
        `${join('a', 'one.ts')} imports ${join('b', 'two')}, ${join('b', 'two.ts')} imports ${join('c', 'three')}, ` +
          `${join('c', 'three.ts')} imports ${join('a', 'four')}`,
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('should have no folder of src/ importing, directly or not, one that imports it', () => {
    expect(folderCycles(join(__dirname, '..', '..', 'src'))).toEqual([]);
  });
});
