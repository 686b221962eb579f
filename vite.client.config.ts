import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vite';
import pkg from './package.json' with {type: 'json'};

// The package's headless entry (`live-chat/client`): the client and its engine, with no element,
// no Lit and nothing that runs at import, for bundlers, Node and workers. Written beside
// live-chat.js after the library build (so emptyOutDir stays off). The package's dependencies
// stay imports: the consumer's resolver then picks nanoid's Node or browser build itself.
const external = Object.keys(pkg.dependencies);

export default defineConfig({
  publicDir: false,
  define: {__LIVE_CHAT_IDB_VERSION__: '1'},
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    rolldownOptions: {
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
      // One file: the entry imports the engine and the triggers anyway.
      output: {codeSplitting: false},
    },
    lib: {
      entry: fileURLToPath(new URL('./src/core/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'client.js',
    },
  },
});
