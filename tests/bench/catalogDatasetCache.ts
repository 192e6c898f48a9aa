import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { CATALOG_DATASET_VERSION, generateCatalogDataset } from '../../electron/core/demo/catalogDataset.ts';
import type { BenchContext } from './harness.ts';

/** The benchmarks' catalogue: 100,000 products, 2,000,000 stock movements over three years. */
export const DATASET = { products: 100_000, movements: 2_000_000, seed: 42 } as const;

/**
 * The data directory of the generated catalogue, made once and kept in .bench/cache, keyed by the
 * schema and dataset versions so a stale cache is never measured. Its kontor.sqlite is only read
 * by the benchmarks; anything that writes works on a copy (`copyDataset`).
 */
export async function cachedCatalogDataset({ cacheDir, log }: BenchContext): Promise<string> {
  const dataDir = join(cacheDir, `catalog-${DATASET.products}p-${DATASET.movements}m-s${DATASET.seed}-v${LATEST_SCHEMA_VERSION}-d${CATALOG_DATASET_VERSION}`);
  const ready = join(dataDir, 'READY');
  if (!existsSync(ready)) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    log(`generating ${DATASET.products.toLocaleString('en')} products and ${DATASET.movements.toLocaleString('en')} movements (kept in .bench/cache)…`);
    const summary = await generateCatalogDataset(join(dataDir, 'kontor.sqlite'), { ...DATASET, log: { info: (m) => log(`  ${m}`), warn() {}, error() {} } });
    writeFileSync(ready, JSON.stringify({ at: new Date().toISOString(), ...summary }));
    log(`generated in ${(summary.ms / 1000).toFixed(1)} s: ${summary.parents} parents with ${summary.variants} variants`);
  }
  log(`dataset: ${dataDir} (${(statSync(join(dataDir, 'kontor.sqlite')).size / 2 ** 20).toFixed(0)} MiB)`);
  return dataDir;
}

/** A fresh copy of the dataset's database in `to` (a data directory), for a benchmark that writes. */
export function copyDataset(dataDir: string, to: string): string {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  // The cached file is checkpointed (no -wal beside it), so the file alone is the whole database.
  copyFileSync(join(dataDir, 'kontor.sqlite'), join(to, 'kontor.sqlite'));
  return to;
}
