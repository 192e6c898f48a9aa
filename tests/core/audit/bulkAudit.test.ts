import { afterEach, describe, expect, test } from 'vitest';
import { runAs } from '../../../electron/core/audit/actor.ts';
import { beginBulkAudit } from '../../../electron/core/audit/bulkAudit.ts';
import { undoImport } from '../../../electron/core/imports/undo.ts';
import { runImport, type ImportRequest } from '../../../electron/core/imports/runImport.ts';
import { PRODUCT_WRITER_TABLES } from '../../../electron/core/imports/productWriter.ts';
import { importsMessages } from '../../../renderer/src/i18n/areas/imports.ts';
import { contentHash, writeCsv } from '../../support/importFixtures.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

const opened: TestKontor[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

const FAMILY = PRODUCT_WRITER_TABLES.map((t) => t.table);
const HEADER = ['sku', 'title_en', 'title_fr', 'price', 'tags', 'brand'];
/** Row `i` of the first import; in the second, titles, tags and prices change on some rows and the others stay as they are. */
const row = (i: number, again: boolean): string[] => [
  `BA-${i}`,
  again && i % 3 === 0 ? `Rug ${i} (new)` : `Rug ${i}`,
  `Tapis ${i}`,
  again && i % 7 === 0 ? '99,00' : `${10 + i},50`,
  again && i % 5 === 0 ? 'silk' : i % 2 === 0 ? 'wool, handmade' : 'cotton',
  'Atlas',
];
const first = Array.from({ length: 300 }, (_, i) => row(i, false));
// ...and 20 rows are new.
const second = [...Array.from({ length: 300 }, (_, i) => row(i, true)), ...Array.from({ length: 20 }, (_, i) => [`BA-NEW-${i}`, `New ${i}`, `Nouveau ${i}`, '5,00', 'new', 'Atlas'])];

/** Two imports and the undo of the second, as one person; the audit records written in bulk from `bulkAuditFrom` products. */
async function importTwiceAndUndo(bulkAuditFrom: number): Promise<TestKontor> {
  const t = await openTestKontor();
  opened.push(t);
  await t.client.call('products.create', { sku: 'BA-0', texts: { en: { title: 'Made by hand before the import' } } });
  const deps = { sqlite: t.kontor.database.sqlite, db: t.kontor.database.db };
  const request = (path: string): ImportRequest => ({ path, fileName: 'catalogue.csv', read: {}, mode: 'all', dryRun: false, reportDir: null, bulkAuditFrom });
  let runId = 0;
  for (const rows of [first, second]) {
    const result = await runAs('user:ines', () => runImport(deps, request(writeCsv(t.dataDir, 'catalogue.csv', [HEADER, ...rows]))));
    expect(result.issues).toEqual([]);
    runId = result.runId ?? 0;
  }
  const undone = runAs('user:ines', () => undoImport(deps.sqlite, runId, { bulkAuditFrom }));
  expect(undone).toMatchObject({ restored: 162, removed: 20, kept: [] });
  return t;
}

/** Each product row's last record: what verification compares the row with. */
function lastRecords(t: TestKontor): Record<string, { after: unknown; actor: string }> {
  const rows = t.kontor.database.sqlite
    .prepare(
      `SELECT a.table_name AS tbl, a.row_key AS k, a.after_json AS after, a.actor AS actor FROM audit_log a
       JOIN (SELECT table_name, row_key, max(seq) AS seq FROM audit_log GROUP BY table_name, row_key) m ON a.seq = m.seq
       WHERE a.table_name IN (SELECT value FROM json_each(?)) AND a.actor <> 'system:migration'`,
    )
    .all(JSON.stringify(FAMILY)) as { tbl: string; k: string; after: string | null; actor: string }[];
  // Times differ from run to run; every other value must be the same.
  const timeless = (json: string | null): unknown => (json === null ? null : Object.fromEntries(Object.entries(JSON.parse(json) as object).filter(([k]) => !k.endsWith('_at'))));
  return Object.fromEntries(rows.map((r) => [`${r.tbl} ${r.k}`, { after: timeless(r.after), actor: r.actor }]));
}

const triggers = (t: TestKontor) => t.kontor.database.sqlite.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all();

describe('audit records written in bulk', () => {
  test('an import, a re-import and its undo leave every row with the same last record as the triggers would, and the trail verifies', async () => {
    const bulk = await importTwiceAndUndo(0);
    const triggered = await importTwiceAndUndo(Number.MAX_SAFE_INTEGER);
    const recorded = lastRecords(bulk);
    // Tags of 300 products and their changes, prices, texts in two languages: every kind of row.
    expect(Object.keys(recorded).length).toBeGreaterThan(1500);
    expect(recorded).toEqual(lastRecords(triggered));
    expect(Object.values(recorded).every((r) => r.actor === 'user:ines')).toBe(true);
    // The new products of the undone import are recorded as deleted.
    const created = Object.entries(recorded).filter(([key]) => key.startsWith('product ['));
    expect(created.filter(([, r]) => r.after === null).length).toBe(20);
    expect(triggers(bulk)).toEqual(triggers(triggered));
    for (const t of [bulk, triggered]) expect(await t.client.call('audit.verify', {})).toMatchObject({ ok: true, firstBrokenLink: null, missingTriggers: [], unrecordedChanges: [] });
    // Records the triggers write for rows deleted and written again unchanged (an update rewrites a product's texts) are not needed: fewer records.
    const count = (t: TestKontor) => t.kontor.database.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect(count(bulk)).toBeLessThan(count(triggered));
  }, 60_000);

  test('the import shows the recording as a step of its own, named in every language', async () => {
    const t = await openTestKontor();
    opened.push(t);
    const phases: string[] = [];
    const path = writeCsv(t.dataDir, 'catalogue.csv', [HEADER, ...first]);
    const request: ImportRequest = { path, fileName: 'catalogue.csv', read: {}, mode: 'all', dryRun: false, reportDir: null, bulkAuditFrom: 0 };
    await runImport({ sqlite: t.kontor.database.sqlite, db: t.kontor.database.db }, request, { progress: (_done, _total, message) => phases.push(message) });
    expect([...new Set(phases)]).toEqual(['checking', 'writing', 'recording', 'indexing']);
    for (const language of ['en', 'fr', 'de', 'ar'] as const) expect(importsMessages[language].phase.recording).toMatch(/\S/);
  });

  test('a failure after the bulk write rolls back the rows, their records and the dropped triggers', async () => {
    const t = await openTestKontor();
    opened.push(t);
    const sqlite = t.kontor.database.sqlite;
    const product = await t.client.call('products.create', { sku: 'KEEP-1', texts: { en: { title: 'Kept' } } });
    const before = contentHash(sqlite);
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const audit = beginBulkAudit(sqlite, PRODUCT_WRITER_TABLES);
      audit.remember([product.id]);
      expect(triggers(t).some((r) => (r as { name: string }).name === 'audit__product__update')).toBe(false);
      sqlite.prepare("UPDATE product_text SET title = 'Changed' WHERE product_id = ?").run(product.id);
      audit.finish([]);
      expect(sqlite.prepare("SELECT count(*) FROM audit_log WHERE table_name = 'product_text' AND op = 'update'").pluck().get()).toBe(1);
      throw new Error('the disk is full');
    } catch (error) {
      expect((error as Error).message).toBe('the disk is full');
      sqlite.exec('ROLLBACK');
    }
    expect(contentHash(sqlite)).toBe(before);
    expect(await t.client.call('audit.verify', {})).toMatchObject({ ok: true, missingTriggers: [] });
  });

  test('refuses to run outside a transaction: the triggers would be gone for everyone', async () => {
    const t = await openTestKontor();
    opened.push(t);
    expect(() => beginBulkAudit(t.kontor.database.sqlite, PRODUCT_WRITER_TABLES)).toThrow(/inside the transaction/);
  });
});

