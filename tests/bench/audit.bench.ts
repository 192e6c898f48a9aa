/**
 * What the audit trail costs writes: the same work on two copies of one database, one with the
 * audit triggers (every changed row appends a JSON before/after record and a SHA-256 link) and one
 * with them dropped, run in alternation. Also the cost of `audit.verify` on that database.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AUDITED_TABLES, auditedTableName } from '../../electron/core/audit/auditedTables.ts';
import { AUDIT_OPS, auditTriggerName } from '../../electron/core/audit/triggers.ts';
import { verifyAuditTrail } from '../../electron/core/audit/verify.ts';
import { bulkUpdateProducts } from '../../electron/core/catalog/products.ts';
import { openKontor, type Kontor } from '../../electron/core/kontor.ts';
import { silentLogger } from '../../electron/core/logger.ts';
import { recordMovements } from '../../electron/core/stock/recordMovements.ts';
import { DEMO_COMPANY } from '../../electron/core/demo/demoCompany.ts';
import { time, timeAlternating, type Benchmark, type Figure } from './harness.ts';

const PRODUCTS = 10_000;

function dropAuditTriggers(sqlite: Database): void {
  for (const entry of AUDITED_TABLES) for (const op of AUDIT_OPS) sqlite.exec(`DROP TRIGGER IF EXISTS ${auditTriggerName(auditedTableName(entry), op)}`);
}

async function seed(kontor: Kontor): Promise<void> {
  const sqlite = kontor.database.sqlite;
  const r = await kontor.dispatcher.dispatch('company.save', DEMO_COMPANY);
  if (!r.ok) throw new Error(r.error.message);
  const now = new Date().toISOString();
  sqlite.transaction(() => {
    const product = sqlite.prepare("INSERT INTO product (sku, kind, unit, status, created_at, updated_at) VALUES (?, 'simple', 'pcs', 'active', ?, ?)");
    const price = sqlite.prepare("INSERT INTO product_price (product_id, price_list_id, currency, min_quantity_milli, amount_minor) VALUES (?, (SELECT id FROM price_list WHERE code = 'RETAIL'), 'EUR', 1000, ?)");
    for (let i = 1; i <= PRODUCTS; i++) {
      const id = Number(product.run(`SKU-${i}`, now, now).lastInsertRowid);
      price.run(id, 1000 + i);
    }
  })();
}

const audit: Benchmark = {
  title: `Audit trail: cost on writes (${PRODUCTS.toLocaleString('en')} products) and verify`,
  async run({ cacheDir, log }) {
    const work = join(cacheDir, 'audit-work');
    rmSync(work, { recursive: true, force: true });
    const [audited, bare] = [join(work, 'audited'), join(work, 'bare')];
    mkdirSync(audited, { recursive: true });
    mkdirSync(bare, { recursive: true });
    const seeding = await openKontor({ dataDir: audited, appVersion: 'bench', mode: 'cli', log: silentLogger });
    const seedMs = (await time(() => seed(seeding), 1))[0] ?? Number.NaN;
    seeding.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await seeding.close();
    copyFileSync(join(audited, 'kontor.sqlite'), join(bare, 'kontor.sqlite'));
    log(`seeded ${PRODUCTS} products with prices (audited) in ${seedMs.toFixed(0)} ms`);

    const a = await openKontor({ dataDir: audited, appVersion: 'bench', mode: 'cli', log: silentLogger });
    const b = await openKontor({ dataDir: bare, appVersion: 'bench', mode: 'cli', log: silentLogger });
    dropAuditTriggers(b.database.sqlite);
    const figures: Figure[] = [];
    try {
      const ids = a.database.sqlite.prepare('SELECT id FROM product').pluck().all() as number[];
      const bulk = (k: Kontor) => () => bulkUpdateProducts(k.database.db, { ids, set: { priceChange: { percent: 1, rounding: 'none' } } });
      const [withAudit, without] = await timeAlternating(bulk(a), bulk(b), 5);
      figures.push({ name: `bulk price change, ${PRODUCTS.toLocaleString('en')} products, no audit triggers`, samples: without });
      figures.push({ name: `bulk price change, ${PRODUCTS.toLocaleString('en')} products, audited`, samples: withAudit, baseline: `bulk price change, ${PRODUCTS.toLocaleString('en')} products, no audit triggers` });

      const warehouse = (k: Kontor) => k.database.sqlite.prepare("SELECT id FROM warehouse WHERE code = 'MAIN'").pluck().get() as number;
      const receipts = (k: Kontor) => {
        const w = warehouse(k);
        return () => {
          for (let i = 1; i <= 500; i++) recordMovements(k.database.sqlite, [{ kind: 'receipt', productId: ids[i] ?? 1, warehouseId: w, quantityMilli: 1000, unitCostMinor: 500 }]);
        };
      };
      const [mA, mB] = await timeAlternating(receipts(a), receipts(b), 5);
      figures.push({ name: '500 stock receipts, one transaction each, no audit triggers', samples: mB });
      figures.push({ name: '500 stock receipts, one transaction each, audited', samples: mA, baseline: '500 stock receipts, one transaction each, no audit triggers' });

      const records = a.database.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
      figures.push({ name: `audit verify (${records.toLocaleString('en')} records)`, samples: await time(() => verifyAuditTrail(a.database.sqlite), 3) });
    } finally {
      await a.close();
      await b.close();
      rmSync(work, { recursive: true, force: true });
    }
    return figures;
  },
};

export default audit;
