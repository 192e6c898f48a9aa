import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { openKontor } from '../../electron/core/kontor.ts';
import { writeLedgerSettings } from '../../electron/core/ledger/settings.ts';
import { fillJournal } from '../support/ledgerData.ts';
import type { Benchmark, Figure } from './harness.ts';

/*
 * General ledger export of 1,000,000 journal lines against exceljs' streaming writer writing the
 * same rows in the same run (target ≤ 1.3× its time, peak RSS ≤ 400 MB), and the DATEV export of
 * the same lines against a plain text write. Every run is its own process (ledgerExportProbe.ts),
 * so each peak RSS is that export's alone; runs alternate so drift hits both sides alike.
 */

const LINES = 1_000_000;
const RUNS = 2;
const quiet = { info() {}, warn() {}, error: (m: string, ...d: unknown[]) => console.error(m, ...d) };

async function dataset(cacheDir: string, log: (m: string) => void): Promise<string> {
  const dataDir = join(cacheDir, `ledger-${LINES}-v${LATEST_SCHEMA_VERSION}-d1`);
  const ready = join(dataDir, 'READY');
  if (!existsSync(ready)) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    log(`generating ${LINES.toLocaleString('en')} journal lines (kept in .bench/cache)…`);
    const started = Date.now();
    const kontor = await openKontor({ dataDir, appVersion: 'bench', mode: 'cli', log: quiet });
    const sqlite = kontor.database.sqlite;
    sqlite
      .prepare(
        `INSERT INTO company (id, legal_name, country, base_currency, fiscal_year_start_month, fiscal_year_start_day, default_language, updated_at)
         VALUES (1, 'Müller & Söhne GmbH', 'DE', 'EUR', 1, 1, 'de', '2026-01-01T00:00:00.000Z')`,
      )
      .run();
    fillJournal(sqlite, LINES, (done) => log(`  ${done.toLocaleString('en')} lines`));
    writeLedgerSettings(sqlite, { datev: { consultantNumber: 29098, clientNumber: 55003 } });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await kontor.close();
    writeFileSync(ready, new Date().toISOString());
    log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  log(`dataset: ${(statSync(join(dataDir, 'kontor.sqlite')).size / 2 ** 20).toFixed(0)} MiB`);
  return dataDir;
}

const ledger: Benchmark = {
  title: 'Ledger exports of 1,000,000 journal lines',
  async run({ cacheDir, log }) {
    const dataDir = await dataset(cacheDir, log);
    const probe = join(import.meta.dirname, 'ledgerExportProbe.ts');
    const outDir = join(cacheDir, 'ledger-out');
    mkdirSync(outDir, { recursive: true });
    const results = new Map<string, { ms: number[]; rss: number[]; rows: number }>();
    const sample = (mode: string) => {
      const out = join(outDir, `${mode}.out`);
      const text = execFileSync(process.execPath, [probe, mode, dataDir, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const r = JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as { ms: number; maxRssMiB: number; rows: number };
      const entry = results.get(mode) ?? { ms: [], rss: [], rows: r.rows };
      entry.ms.push(r.ms);
      entry.rss.push(r.maxRssMiB);
      results.set(mode, entry);
      log(`${mode}: ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.maxRssMiB.toFixed(0)} MiB, ${r.rows.toLocaleString('en')} rows, file ${(statSync(out).size / 2 ** 20).toFixed(0)} MiB`);
      rmSync(out, { force: true });
    };
    for (let i = 0; i < RUNS; i++) {
      for (const mode of i % 2 === 0 ? ['kontor-gl', 'bare-gl'] : ['bare-gl', 'kontor-gl']) sample(mode);
    }
    for (let i = 0; i < RUNS; i++) for (const mode of i % 2 === 0 ? ['kontor-datev', 'bare-text'] : ['bare-text', 'kontor-datev']) sample(mode);

    const peak = (mode: string) => Math.max(...(results.get(mode)?.rss ?? [Number.NaN]));
    const kontorPeak = peak('kontor-gl');
    log(`peak RSS: Kontor general ledger ${kontorPeak.toFixed(0)} MiB (target ≤ 400 MB = 381 MiB: ${kontorPeak <= 381 ? 'met' : 'NOT met'}), bare exceljs ${peak('bare-gl').toFixed(0)} MiB`);
    log(`peak RSS: Kontor DATEV ${peak('kontor-datev').toFixed(0)} MiB, bare text ${peak('bare-text').toFixed(0)} MiB`);
    const bareGl = 'bare exceljs streaming write of the same rows';
    const bareText = 'bare Latin-1 text write of the same lines';
    const figures: Figure[] = [
      { name: bareGl, samples: results.get('bare-gl')!.ms },
      { name: `Kontor general ledger export, xlsx (peak RSS ${kontorPeak.toFixed(0)} MiB)`, samples: results.get('kontor-gl')!.ms, baseline: bareGl },
      { name: bareText, samples: results.get('bare-text')!.ms },
      { name: `Kontor DATEV export (peak RSS ${peak('kontor-datev').toFixed(0)} MiB)`, samples: results.get('kontor-datev')!.ms, baseline: bareText },
    ];
    return figures;
  },
};

export default ledger;
