import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vite';
import type {Plugin} from 'vite';
import {localeStr, minifyViews} from './scripts/minify-views.js';

const ENTRY = fileURLToPath(new URL('./src/index.ts', import.meta.url));

// The demo page loads the widget from /live-chat.js, as an embedder would; in the dev server
// that path maps to the TypeScript entry so `vite` serves index.html unchanged.
function devEntryAlias(): Plugin {
  return {
    name: 'live-chat-dev-entry',
    apply: 'serve',
    resolveId: (id) => (id === '/live-chat.js' ? ENTRY : null),
  };
}

// Library mode has no module preload: a lazy chunk's own imports (the code the window and the
// engine share) are only requested once the chunk has arrived and been parsed, one round trip
// after it. Each dynamic import of a chunk here also asks for the chunks it imports (but the
// entry, which is loaded), so that they all download at once. A failure is left to the chunk's
// own import, which then fails too.
type OutputChunk = {type: 'chunk'; code: string; imports: string[]; isEntry: boolean};
const DYNAMIC_IMPORT = /import\((["'`])\.\/([\w.-]+\.js)\1\)/g;
function preloadChunkImports(): Plugin {
  return {
    name: 'live-chat-preload-chunk-imports',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunk = (file: string) => {
        const out = bundle[file] as unknown as OutputChunk | undefined;
        return out?.type === 'chunk' ? out : undefined;
      };
      const depsOf = (file: string, seen = new Set<string>()) => {
        for (const dep of chunk(file)?.imports ?? []) {
          if (!seen.has(dep) && !chunk(dep)?.isEntry) depsOf(dep, seen.add(dep));
        }
        return seen;
      };
      for (const file of Object.keys(bundle)) {
        const from = chunk(file);
        if (!from) continue;
        from.code = from.code.replace(DYNAMIC_IMPORT, (call, _quote, target: string) => {
          const deps = [...depsOf(target)].filter((dep) => dep !== file);
          const early = deps.map((dep) => `import(\`./${dep}\`).catch(()=>{}),`).join('');
          return early ? `(${early}${call})` : call;
        });
      }
    },
  };
}

// The IndexedDB schema version the widget opens (src/core/store/idb-session-store.ts).
// `LIVE_CHAT_IDB_VERSION=2 vite build --outDir …` makes the "next" build that the D5 test (an
// upgrade while an older tab is open) runs beside the current one.
function idbVersion(): number {
  const value = Number(process.env.LIVE_CHAT_IDB_VERSION ?? 1);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`LIVE_CHAT_IDB_VERSION must be a positive integer, got ${value}`);
  }
  return value;
}

export default defineConfig({
  plugins: [devEntryAlias(), minifyViews(), preloadChunkImports()],
  define: {__LIVE_CHAT_IDB_VERSION__: JSON.stringify(idbVersion())},
  publicDir: 'public',
  build: {
    target: 'es2022',
    outDir: 'dist',
    // The agent console builds into dist/agent/ after this build, so emptying is safe here.
    emptyOutDir: true,
    copyPublicDir: true,
    minify: true,
    rolldownOptions: {
      // Library mode leaves whitespace in ES output unless rolldown minifies the chunks itself.
      // No comments either (legal ones were already dropped): the `@__PURE__` marks the
      // minifier leaves are for a bundler reading the code again, which none does.
      output: {minify: true, comments: false},
      // Library mode keeps the entry's exports exact ('strict'), which moves every module the
      // lazy chunks share with it into extra chunks: the first download would be four files.
      // Allowing extra (internal) exports keeps it one file (with `localeStr`, scripts/minify-views.ts).
      preserveEntrySignatures: 'allow-extension',
      plugins: [localeStr],
      // lit-localize's modules only declare things, but its package does not say so: its index
      // re-exports the runtime that switches locales, which would pull that runtime into the
      // first download. Marked side-effect free, the runtime stays in src/i18n/locale-runtime.ts's
      // chunk, loaded only for a language other than English.
      treeshake: {moduleSideEffects: (id: string) => !id.includes('/@lit/localize/')},
    },
    lib: {
      entry: ENTRY,
      formats: ['es'],
      fileName: () => 'live-chat.js',
    },
  },
  server: {host: '127.0.0.1', port: 5173, strictPort: true},
});
