/**
 * Fails when the project's own modules import each other in a circle, and prints each circle.
 * Part of `npm run lint`. esbuild resolves the imports (its metafile lists every module and
 * its imports) from the three entry points: the widget, the agent console and the server.
 * Type-only imports are erased and do not count; dynamic `import()` does, since the module
 * graph stays circular even when the load is deferred.
 */
import {build, type Metafile, type Plugin} from 'esbuild';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRIES = ['src/index.ts', 'src/agent/main.ts', 'src/server/cli.ts'];

// A type-only import ties two modules as much as any other: a cycle through one is still a
// cycle to read and to refactor. esbuild erases them, so each project file is read with its
// `import type` / `export type … from` and inline `type` specifiers made plain.
const typeImportsAsImports: Plugin = {
  name: 'type-imports-as-imports',
  setup(build) {
    build.onLoad({filter: /\/src\/.*\.ts$/}, async ({path}) => {
      const source = await readFile(path, 'utf8');
      const contents = source
        .replace(
          /^(import|export)\s+(type\s+)?(\*|\{[^}]*\})(\s+from\s+['"][^'"]+['"])/gm,
          (_all, keyword: string, _type, names: string, from: string) =>
            `${keyword} ${names.replace(/([{,]\s*)type\s+/g, '$1')}${from}`,
        )
        .replace(/^import\s+type\s+(\w+)\s+from/gm, 'import $1 from');
      return {contents, loader: 'ts'};
    });
  },
};

async function importGraph(): Promise<Map<string, string[]>> {
  const {metafile} = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'out',
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
    loader: {'.css': 'empty', '.svg': 'empty'},
    define: {__LIVE_CHAT_IDB_VERSION__: '1'},
    // Keep every import that is written, also one whose names are only types.
    tsconfigRaw: {compilerOptions: {verbatimModuleSyntax: true}},
    plugins: [typeImportsAsImports],
  });
  return graphOf(metafile);
}

function graphOf(metafile: Metafile): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    const own = input.imports.filter((edge) => !edge.external && edge.path in metafile.inputs);
    graph.set(
      path,
      own.map((edge) => edge.path),
    );
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one module (or a self-import). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** One concrete circle through a component, `a → b → … → a`, starting at its first module. */
function pathThrough(component: string[], graph: Map<string, string[]>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

const graph = await importGraph();
const found = circles(graph);
if (found.length === 0) {
  console.log(`check-cycles: no import cycles among ${graph.size} modules`);
} else {
  console.error(`check-cycles: ${found.length} import cycle(s):`);
  for (const component of found) {
    console.error(`  ${pathThrough(component, graph).join(' → ')}`);
    if (component.length > 2)
      console.error(`    (modules in the cycle: ${component.sort().join(', ')})`);
  }
  process.exitCode = 1;
}
