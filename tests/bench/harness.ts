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

/** Times `fn` `runs` times after `warmup` untimed runs; answers milliseconds per run. */
export async function time(fn: () => unknown, runs: number, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
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
      const start = process.hrtime.bigint();
      await fn();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return [sa, sb];
}
