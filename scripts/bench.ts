/**
 * `npm run bench [filter]`: runs every tests/bench/*.bench.ts, prints one table (figure, median,
 * p95, ratio to its baseline, target) and writes the results as JSON to .bench/results.json.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpus, loadavg, totalmem } from 'node:os';
import { CLOCK_NAME, median, percentile, type Benchmark, type Figure } from '../tests/bench/harness.ts';

const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, 'tests', 'bench');
const outDir = join(root, '.bench');
const cacheDir = join(outDir, 'cache');
mkdirSync(cacheDir, { recursive: true });

const filter = process.argv[2];
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${JSON.stringify(filter)} in tests/bench.`);
  process.exit(2);
}

interface Row {
  benchmark: string;
  figure: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  baseline: string | null;
  ratio: number | null;
  target: string | null;
  targetMet: boolean | null;
}

const rows: Row[] = [];
for (const file of files) {
  const module = (await import(pathToFileURL(join(benchDir, file)).href)) as { default: Benchmark };
  const bench = module.default;
  console.log(`\n▶ ${bench.title} (${file})`);
  const figures = await bench.run({ cacheDir, log: (m) => console.log(`  ${m}`) });
  rows.push(...figures.map((f) => toRow(bench.title, f, figures)));
}

function toRow(benchmark: string, figure: Figure, all: Figure[]): Row {
  const base = figure.baseline ? all.find((f) => f.name === figure.baseline) : undefined;
  if (figure.baseline && !base) throw new Error(`${figure.name}: baseline ${figure.baseline} was not measured`);
  const med = median(figure.samples);
  const target = figure.target;
  const atTarget = target ? percentile(figure.samples, target.percentile) : null;
  return {
    benchmark,
    figure: figure.name,
    runs: figure.samples.length,
    medianMs: med,
    p95Ms: percentile(figure.samples, 95),
    baseline: figure.baseline ?? null,
    ratio: base ? med / median(base.samples) : null,
    target: target ? `p${target.percentile} ≤ ${target.ms} ms` : null,
    targetMet: target && atTarget !== null ? atTarget <= target.ms : null,
  };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const table = rows.map((r) => ({
  figure: r.figure,
  runs: String(r.runs),
  'median ms': fmt(r.medianMs),
  'p95 ms': fmt(r.p95Ms),
  'ratio to baseline': r.ratio === null ? '—' : `${r.ratio.toFixed(2)}× ${r.baseline}`,
  target: r.target === null ? '—' : `${r.target} ${r.targetMet ? '✓' : '✗'}`,
}));
console.log('');
printTable(table);
console.log(`\nClock: ${CLOCK_NAME}; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores.`);

const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) };
const result = { at: new Date().toISOString(), clock: CLOCK_NAME, loadAverage: loadavg(), machine, rows };
writeFileSync(join(outDir, 'results.json'), JSON.stringify(result, null, 2));
console.log(`\nResults written to ${join(outDir, 'results.json')}`);

function printTable(data: Record<string, string>[]): void {
  const first = data[0];
  if (!first) return;
  const headers = Object.keys(first);
  const widths = headers.map((h) => Math.max(h.length, ...data.map((r) => (r[h] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(headers));
  console.log(line(widths.map((w) => '─'.repeat(w))));
  for (const row of data) console.log(line(headers.map((h) => row[h] ?? '')));
}
