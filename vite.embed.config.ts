import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vite';

// The classic embed script: one small IIFE written beside live-chat.js, after the library
// build (so emptyOutDir stays off here).
export default defineConfig({
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
    rolldownOptions: {output: {minify: true}},
    lib: {
      entry: fileURLToPath(new URL('./src/embed.ts', import.meta.url)),
      formats: ['iife'],
      name: 'LiveChatEmbed',
      fileName: () => 'embed.js',
    },
  },
});
