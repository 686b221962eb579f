/** The bench's report: rows with a budget and a verdict, printed as markdown, saved as JSON. */
import {mkdir, writeFile} from 'node:fs/promises';

export interface Row {
  figure: string;
  value: string;
  budget: string;
  /** null: reported without a budget (or not measurable here). */
  ok: boolean | null;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (n: number | null | undefined) =>
  n === null || n === undefined || Number.isNaN(n) ? '–' : `${n.toFixed(0)} ms`;
export const ratio = (theirs: number, ours: number) => `${(theirs / ours).toFixed(1)}×`;

/** Median of the values (upper median for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return [...values].sort((a, b) => a - b)[values.length >> 1];
}

/** "median (min–max of n)" of repeated runs. */
export function spread(values: readonly number[], unit = 'ms'): string {
  if (values.length === 0) return '–';
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(0);
  return values.length === 1
    ? `${f(sorted[0])} ${unit}`
    : `${f(median(sorted))} ${unit} (${f(sorted[0])}–${f(sorted.at(-1)!)}, ${values.length} runs)`;
}

export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function budgetTable(rows: Row[]): string {
  return table(
    ['figure', 'measured', 'budget', 'verdict'],
    rows.map((r) => [r.figure, r.value, r.budget, r.ok === null ? '–' : r.ok ? 'PASS' : 'FAIL']),
  );
}

/** Writes the run's figures to bench/results/<name>.json (git-ignored) and returns the path. */
export async function saveResults(name: string, data: unknown): Promise<string> {
  await mkdir('bench/results', {recursive: true});
  const file = `bench/results/${name}.json`;
  await writeFile(
    file,
    JSON.stringify({date: new Date().toISOString(), ...(data as object)}, null, 2),
  );
  return file;
}
