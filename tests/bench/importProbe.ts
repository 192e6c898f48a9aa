/**
 * One import in a fresh process, so its peak memory is its own. Prints JSON on stdout.
 *   node tests/bench/importProbe.ts kontor|bare|bare-audited|read <file> <dataDir>
 * kontor:  the import as the app runs it (read, map, check, write, audit records, search rows,
 *          sort keys, undo record).
 * bare:    the baseline — exceljs's streaming reader (or csv-parse) over the same file and
 *          prepared INSERTs of the same rows (product, its three texts, its two prices, its tags)
 *          into the same tables in one transaction, with no triggers at all: neither sort keys nor
 *          the audit trail.
 * bare-audited: the same inserts with the audit triggers left in place, one chained record per row
 *          as any plain writer into Kontor's schema pays for it.
 * read:    the same streaming read and nothing else: the floor under any import of the file.
 * Besides wall time it prints the CPU time of the process (all threads): on a shared machine the
 * wall time measures the queue for a core as much as the work.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { openKontor } from '../../electron/core/kontor.ts';
import { runImport } from '../../electron/core/imports/runImport.ts';
import { bulkSortKeys } from '../../electron/core/imports/sortKeys.ts';
import { PRODUCT_WRITER_TABLES } from '../../electron/core/imports/productWriter.ts';
import { dropAuditTriggers } from '../../electron/core/audit/triggers.ts';

const [mode, file, dataDir] = process.argv.slice(2);
if (!file || !dataDir || (mode !== 'kontor' && mode !== 'bare' && mode !== 'bare-audited' && mode !== 'read')) {
  console.error('usage: importProbe.ts kontor|bare|bare-audited|read <file> <dataDir>');
  process.exit(2);
}
const quiet = { info() {}, warn() {}, error: (m: string, ...d: unknown[]) => console.error(m, ...d) };
const kontor = await openKontor({ dataDir, appVersion: 'bench', mode: 'cli', log: quiet });
const sqlite = kontor.database.sqlite;
const started = performance.now();
const cpuStarted = process.cpuUsage();
let rows = 0;
const phases: Record<string, number> = {};

if (mode === 'kontor') {
  let phase = 'reading';
  let phaseAt = started;
  let phaseCpu = process.cpuUsage();
  const endPhase = () => {
    const { user, system } = process.cpuUsage(phaseCpu);
    phases[phase] = Math.round(performance.now() - phaseAt);
    phases[`${phase} cpu`] = Math.round((user + system) / 1000);
    phaseAt = performance.now();
    phaseCpu = process.cpuUsage();
  };
  const result = await runImport(
    { sqlite, db: kontor.database.db },
    { path: file, fileName: file.split('/').pop() ?? file, read: {}, mode: 'all', dryRun: false, reportDir: null },
    {
      progress: (_done, _total, message) => {
        if (message === phase) return;
        endPhase();
        phase = message;
      },
    },
  );
  endPhase();
  if (result.outcome !== 'committed' || result.counts.errors > 0) throw new Error(`import ${result.outcome}: ${JSON.stringify(result.issues.slice(0, 3))}`);
  rows = result.counts.create;
} else {
  const writes = mode !== 'read';
  if (writes) sqlite.exec('BEGIN IMMEDIATE');
  const keys = writes ? bulkSortKeys(sqlite) : null;
  if (mode === 'bare') for (const { table } of PRODUCT_WRITER_TABLES) dropAuditTriggers(sqlite, table);
  const now = new Date().toISOString();
  const product = sqlite.prepare(
    "INSERT INTO product (sku, kind, status, brand, unit, gtin, hs_code, origin_country, net_weight_g, gross_weight_g, length_mm, width_mm, cost_price_minor, cost_currency, attributes, created_at, updated_at) VALUES (?, 'simple', ?, ?, 'pcs', ?, '570110', 'MA', ?, ?, ?, ?, ?, 'EUR', '{}', ?, ?)",
  );
  const text = sqlite.prepare('INSERT INTO product_text (product_id, language, title, description) VALUES (?, ?, ?, ?)');
  const price = sqlite.prepare("INSERT INTO product_price (product_id, price_list_id, currency, min_quantity_milli, amount_minor) VALUES (?, ?, 'EUR', 1000, ?)");
  // The file's Tags column is product data too (an earlier baseline left it out, which made it lighter than the import).
  const tag = sqlite.prepare('INSERT OR IGNORE INTO product_tag (product_id, tag) VALUES (?, ?)');
  const cents = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
  const insert = (c: string[]) => {
    if (!writes) {
      rows++;
      return;
    }
    const id = Number(product.run(c[0], c[19], c[11], c[8], cents(c[15] ?? '0') * 10, cents(c[16] ?? '0') * 10, Number(c[17]) * 10, Number(c[18]) * 10, cents(c[7] ?? '0'), now, now).lastInsertRowid);
    text.run(id, 'en', c[1], c[4]);
    text.run(id, 'fr', c[2], null);
    text.run(id, 'de', c[3], null);
    price.run(id, 1, cents(c[5] ?? '0'));
    price.run(id, 2, cents(c[6] ?? '0'));
    for (const t of (c[13] ?? '').split(',')) if (t.trim() !== '') tag.run(id, t.trim());
    rows++;
  };
  let header = true;
  if (file.endsWith('.xlsx')) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (header) {
          header = false;
          continue;
        }
        insert((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string))));
      }
    }
  } else {
    for await (const record of createReadStream(file).pipe(parse({ delimiter: ';', bom: true, relax_column_count: true })) as AsyncIterable<string[]>) {
      if (header) {
        header = false;
        continue;
      }
      insert(record);
    }
  }
  // Nothing else: no check, no search rows, no sort keys, no undo record (and for `bare` no audit
  // records). The database is thrown away after the run, so the triggers are not put back.
  void keys;
  if (writes) sqlite.exec('COMMIT');
}
const ms = performance.now() - started;
const { user, system } = process.cpuUsage(cpuStarted);
const cpuMs = (user + system) / 1000;
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
await kontor.close();
console.log(JSON.stringify({ ms, cpuMs, rows, maxRssMb, phases }));
