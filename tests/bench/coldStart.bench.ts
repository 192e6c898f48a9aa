import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { DEMO_GENERATOR_VERSION, fillDatabaseToSize } from '../../electron/core/demo/generator.ts';
import type { Benchmark } from './harness.ts';

const GIB = 1024 ** 3;
const RUNS = 9;

const coldStart: Benchmark = {
  title: 'Cold start on a 1 GB database',
  async run({ cacheDir, log }) {
    const dataDir = join(cacheDir, `cold-start-1gb-v${LATEST_SCHEMA_VERSION}-g${DEMO_GENERATOR_VERSION}`);
    const databasePath = join(dataDir, 'kontor.sqlite');
    const ready = join(dataDir, 'READY');
    if (!existsSync(ready)) {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
      log('generating a 1 GB database (kept in .bench/cache for later runs)…');
      const started = Date.now();
      await fillDatabaseToSize(databasePath, GIB, 42);
      writeFileSync(ready, new Date().toISOString());
      log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    log(`database: ${(statSync(databasePath).size / GIB).toFixed(2)} GiB; ${RUNS} runs each, alternating, one fresh process per run`);

    const probe = join(import.meta.dirname, 'coldStartProbe.ts');
    const samples = { core: { open: [] as number[], total: [] as number[] }, bare: { open: [] as number[], total: [] as number[] } };
    const sample = (mode: 'core' | 'bare') => {
      const out = execFileSync(process.execPath, [probe, mode, dataDir], { encoding: 'utf8' });
      const { loadMs, openMs, rows } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { loadMs: number; openMs: number; rows: number };
      if (rows !== 50) throw new Error(`${mode} probe read ${rows} rows instead of 50`);
      samples[mode].open.push(openMs);
      samples[mode].total.push(loadMs + openMs);
    };
    // Alternate the order so drift on a busy machine hits both sides alike.
    for (let i = 0; i < RUNS; i++) {
      const order: ('core' | 'bare')[] = i % 2 === 0 ? ['core', 'bare'] : ['bare', 'core'];
      order.forEach(sample);
    }
    const bareOpen = 'bare better-sqlite3: open + first page';
    const bareTotal = 'bare better-sqlite3: new process → first page';
    return [
      { name: bareOpen, samples: samples.bare.open },
      {
        name: 'Kontor core: open, checks, migration check, jobs start-up, first page',
        samples: samples.core.open,
        baseline: bareOpen,
      },
      { name: bareTotal, samples: samples.bare.total },
      {
        name: 'Kontor core: new process → first page (loads the code from .ts)',
        samples: samples.core.total,
        baseline: bareTotal,
      },
    ];
  },
};

export default coldStart;
