import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vite';

// The agent console is its own app, never part of the widget bundle. It builds into
// dist/agent only, after the widget's library build has written dist/, and the reference
// server serves it at /agent/.
export default defineConfig({
  root: fileURLToPath(new URL('./src/agent', import.meta.url)),
  base: '/agent/',
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('./dist/agent', import.meta.url)),
    emptyOutDir: true,
    modulePreload: {polyfill: false},
  },
});
