import Sqlite, { type Database } from 'better-sqlite3';
import { registerAuditFunctions } from '../../electron/core/audit/actor.ts';
/**
 * The shape every benchmark file under tests/bench exports, and the statistics the runner prints.
 * A figure without a baseline measured in the same run means little on a shared 2-core machine,
 * so each measured figure names the baseline it is compared with.
 */
export interface Figure {
  /** What was measured, e.g. "core cold start (open, migration check, first page)". */
  name: string;
  /** Milliseconds per run. */
  samples: number[];
  /** The `name` of the figure this one is compared against, if any. */
  baseline?: string;
  /** A target from the issue, in ms at the given percentile, checked and printed (not a test). */
  target?: { percentile: 50 | 95; ms: number };
}

export interface BenchContext {
  /** A directory kept between runs for expensive fixtures (generated databases). */
  cacheDir: string;
  log(message: string): void;
}

export interface Benchmark {
  title: string;
  run(context: BenchContext): Promise<Figure[]>;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/**
 * The clock samples are read from. Wall time by default. BENCH_CLOCK=cpu reads the CPU time of this
 * process (user + system, all its threads) instead: on a machine shared with other heavy work, a
 * query waits for a core far longer than it computes, and wall time then measures the queue. CPU
 * time leaves out what the query really waits for (disk reads not in the page cache), so it is a
 * help for comparing on a busy machine, not a replacement for wall time on a quiet one.
 */
const CPU_CLOCK = process.env.BENCH_CLOCK === 'cpu';
const clock = (): number => {
  if (!CPU_CLOCK) return Number(process.hrtime.bigint()) / 1e6;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
export const CLOCK_NAME = CPU_CLOCK ? 'CPU time of the process (BENCH_CLOCK=cpu)' : 'wall time';

/** Times `fn` `runs` times after `warmup` untimed runs; answers milliseconds per run. */
export async function time(fn: () => unknown, runs: number, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = clock();
    await fn();
    samples.push(clock() - start);
  }
  return samples;
}

/**
 * Runs two measurements in alternation, so drift on a busy machine (another process, page cache,
 * CPU frequency) hits both sides alike.
 */
export async function timeAlternating(
  a: () => unknown,
  b: () => unknown,
  runs: number,
): Promise<[number[], number[]]> {
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    const order: [() => unknown, number[]][] = i % 2 === 0 ? [[a, sa], [b, sb]] : [[b, sb], [a, sa]];
    for (const [fn, samples] of order) {
      const start = clock();
      await fn();
      samples.push(clock() - start);
    }
  }
  return [sa, sb];
}

/**
 * A plain better-sqlite3 connection for a bare baseline that writes to Kontor's tables. The schema
 * has the audit trail's triggers, which call functions every Kontor connection registers; the bare
 * side registers them too, so both sides pay for the same triggers and the ratio measures Kontor's
 * own code. (`npm run bench audit` measures what the triggers themselves cost.)
 */
export function bareWriter(path: string): Database {
  const sqlite = new Sqlite(path);
  registerAuditFunctions(sqlite, 'bench:bare');
  return sqlite;
}
