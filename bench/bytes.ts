/**
 * Where the bytes go: the widget's library build run again in memory (Vite, write: false), and
 * each chunk's modules with their share of the chunk's gzip size. A module's share is estimated
 * from its own rendered code gzip'd alone, scaled so that the shares add up to the chunk's real
 * gzip size (modules compress better together than apart).
 */
import {build} from 'vite';
import {gz} from './sizes.js';

export interface ChunkBytes {
  file: string;
  gzip: number;
  modules: {id: string; rendered: number; gzipEstimate: number}[];
}

interface OutChunk {
  type: 'chunk';
  fileName: string;
  code: string;
  modules: Record<string, {code: string | null; renderedLength: number}>;
}

const shortId = (id: string) =>
  id
    .replace(/^.*?\/node_modules\//, '')
    .replace(`${process.cwd()}/`, '')
    .replace(/\?.*$/, '');

export async function measureBytes(isLocale: (file: string) => boolean): Promise<ChunkBytes[]> {
  const result = await build({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    build: {write: false, copyPublicDir: false, emptyOutDir: false},
  });
  const outputs = (Array.isArray(result) ? result : [result]) as {output: unknown[]}[];
  const chunks = outputs
    .flatMap((o) => o.output as OutChunk[])
    .filter((c) => c.type === 'chunk' && !isLocale(c.fileName));
  return chunks
    .map((chunk) => {
      const gzip = gz(Buffer.from(chunk.code));
      const parts = Object.entries(chunk.modules)
        .filter(([, m]) => m.renderedLength > 0)
        .map(([id, m]) => ({
          id: shortId(id),
          rendered: m.renderedLength,
          alone: m.code ? gz(Buffer.from(m.code)) : m.renderedLength,
        }));
      const aloneTotal = parts.reduce((a, p) => a + p.alone, 0) || 1;
      return {
        file: chunk.fileName,
        gzip,
        modules: parts
          .map(({id, rendered, alone}) => ({
            id,
            rendered,
            gzipEstimate: (gzip * alone) / aloneTotal,
          }))
          .sort((a, b) => b.gzipEstimate - a.gzipEstimate),
      };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** Markdown: each chunk and its `top` largest modules. */
export function formatBytes(chunks: ChunkBytes[], top = 8): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return chunks
    .map((c) => {
      const rows = c.modules
        .slice(0, top)
        .map((m) => `| ${m.id} | ${kb(m.gzipEstimate)} | ` + `${kb(m.rendered)} |`);
      const rest = c.modules.slice(top);
      if (rest.length) {
        rows.push(
          `| ${rest.length} more modules | ` +
            `${kb(rest.reduce((a, m) => a + m.gzipEstimate, 0))} | ` +
            `${kb(rest.reduce((a, m) => a + m.rendered, 0))} |`,
        );
      }
      return [
        `**${c.file}** — ${kb(c.gzip)} gzip`,
        '',
        '| module | gzip (est.) | minified |',
        '| --- | --- | --- |',
        ...rows,
      ].join('\n');
    })
    .join('\n\n');
}
