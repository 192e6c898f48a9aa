import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { fixedBuyers } from '../../electron/core/invoicing/buyers.ts';
import { createChromiumRenderer } from '../../electron/core/invoicing/pdf/chromiumRenderer.ts';
import { createInvoicingService } from '../../electron/core/invoicing/service.ts';
import { openKontor, type Kontor } from '../../electron/core/kontor.ts';
import { recordMovements } from '../../electron/core/stock/recordMovements.ts';
import { DraftInputSchema, type BuyerSnapshot } from '../../shared/invoicing/documents.ts';
import { validProfile } from '../support/companyFixtures.ts';
import { median, time, timeAlternating, type Benchmark, type Figure, bareWriter } from './harness.ts';

/*
 * 1. Issuing 10,000 invoices of 3 lines each (numbering, frozen copy, VAT decided again, three
 *    stock shipments through the movement writer, their journal entries and the invoice's own),
 *    one IMMEDIATE transaction per invoice as the app
 *    does, against a bare baseline: the same rows written with plain INSERTs on a bare connection.
 * 2. A page of the invoice list (`invoices.list` through the dispatcher) on 200,000 documents,
 *    per status filter, against the same SELECT on a bare connection. Target p95 ≤ 15 ms.
 * 3. Making one PDF with Chromium (stored at issue), for scale: it is done once per document.
 */

const quiet = { info() {}, warn() {}, error: (m: string, ...d: unknown[]) => console.error(m, ...d) };
const INVOICES = 10_000;
const LIST_DOCUMENTS = 200_000;
const LIST_RUNS = 60;

const buyer: BuyerSnapshot = {
  contactId: 7,
  name: 'Kaufhaus Berger GmbH',
  organisationName: null,
  country: 'DE',
  billingAddress: { recipient: null, line1: 'Hauptstraße 1', line2: null, postalCode: '10115', city: 'Berlin', region: null, country: 'DE' },
  shippingAddress: null,
  taxIds: [{ scheme: 'EU_VAT', value: 'DE129273398' }],
  isBusiness: true,
  email: null,
  phone: null,
  currency: null,
  paymentTermsDays: 30,
  language: null,
};

async function openBench(dir: string): Promise<Kontor> {
  const kontor = await openKontor({ dataDir: dir, appVersion: 'bench', mode: 'cli', log: quiet });
  const saved = await kontor.dispatcher.dispatch('company.save', validProfile());
  if (!saved.ok) throw new Error(saved.error.message);
  // The buyer is a contact (documents link to contact(id) with a foreign key); the bare side shares it.
  kontor.database.sqlite
    .prepare("INSERT INTO contact (id, kind, name, name_key, role, payment_terms_kind, created_at, updated_at) VALUES (7, 'organisation', ?, 'kaufhaus berger', 'buyer', 'net', 'x', 'x')")
    .run(buyer.name);
  return kontor;
}

async function issuing(log: (m: string) => void): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-invoices-'));
  const kontor = await openBench(dir);
  const sqlite = kontor.database.sqlite;
  const bareDir = mkdtempSync(join(tmpdir(), 'kontor-bench-invoices-bare-'));
  const bareKontor = await openBench(bareDir);
  await bareKontor.close();
  const bare = bareWriter(join(bareDir, 'kontor.sqlite'));
  try {
    const warehouseId = sqlite.prepare("SELECT id FROM warehouse WHERE code = 'MAIN'").pluck().get() as number;
    const skus = ['RUG-A', 'RUG-B', 'SAFFRON'];
    for (const sku of skus) {
      const created = await kontor.dispatcher.dispatch('products.create', {
        sku,
        unit: sku === 'SAFFRON' ? 'kg' : 'pcs',
        texts: { en: { title: `Product ${sku}` } },
        prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 12_345 }] }],
      });
      if (!created.ok) throw new Error(created.error.message);
      const id = (created.value as { id: number }).id;
      recordMovements(sqlite, [{ kind: 'receipt', productId: id, warehouseId, quantityMilli: 100_000_000, unitCostMinor: 4_000, occurredAt: '2026-01-01T00:00:00.000Z' }]);
    }
    const service = createInvoicingService(kontor.database.db, sqlite, { buyers: fixedBuyers([buyer]), pdf: createChromiumRenderer(null) });
    const draft = DraftInputSchema.parse({
      kind: 'invoice',
      buyerContactId: 7,
      warehouse: 'MAIN',
      lines: [
        { sku: 'RUG-A', quantity: '2' },
        { sku: 'RUG-B', quantity: '1', discount: '5' },
        { sku: 'SAFFRON', quantity: '0,25' },
      ],
    });

    const ids: number[] = [];
    const drafts = await time(async () => ids.push((await service.saveDraft(draft)).id), INVOICES);
    let next = 0;
    const issues = await time(() => service.issue(ids[next++] as number, '2026-03-02'), INVOICES);
    const last = sqlite.prepare("SELECT number FROM document WHERE status = 'issued' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    const shipments = sqlite.prepare("SELECT count(*) FROM stock_movement WHERE kind = 'shipment'").pluck().get() as number;
    if (last !== `INV-2026-${String(INVOICES).padStart(5, '0')}` || shipments !== 3 * INVOICES) throw new Error(`issued up to ${last} with ${shipments} shipments`);
    const posted = sqlite.prepare("SELECT count(*) FROM ledger_entry WHERE source_kind = 'invoice'").pluck().get() as number;
    if (posted !== INVOICES) throw new Error(`${posted} invoices in the journal, not ${INVOICES}`);

    // The bare side: the same rows written with plain statements (a draft, its 3 lines, then the
    // update that issues it and the counter), no lookups and no checks beyond the schema's own.
    const insertDoc = bare.prepare(
      `INSERT INTO document (kind, series_id, language, currency, base_currency, buyer_contact_id, buyer_name, buyer, warehouse_id, net_minor, tax_minor, gross_minor, created_at, updated_at)
       VALUES ('invoice', 3, 'en', 'EUR', 'EUR', 7, 'Kaufhaus Berger GmbH', ?, 1, 1, 1, 1, 'x', 'x')`,
    );
    const insertLine = bare.prepare(
      `INSERT INTO document_line (document_id, position, name, unit, quantity_milli, unit_price_minor, tax_class, supply, tax_case, tax_category, tax_rate_bp, net_minor)
       VALUES (?, ?, 'Product', 'pcs', 1000, 12345, 'standard', 'goods', 'domestic', 'S', 1900, 12345)`,
    );
    const issueDoc = bare.prepare(
      `UPDATE document SET status = 'issued', number = ?, fiscal_year = 2026, seq = ?, issue_date = '2026-03-02', due_date = '2026-04-01', seller = '{}', issued_at = 'x' WHERE id = ?`,
    );
    const insertCounter = bare.prepare(
      `INSERT INTO document_counter (series_id, fiscal_year, last_seq, last_issue_date) VALUES (3, 2026, ?, '2026-03-02')
       ON CONFLICT DO UPDATE SET last_seq = excluded.last_seq`,
    );
    const buyerJson = JSON.stringify(buyer);
    let seq = 0;
    const bareIssue = bare.transaction(() => {
      seq++;
      const id = Number(insertDoc.run(buyerJson).lastInsertRowid);
      for (let p = 1; p <= 3; p++) insertLine.run(id, p);
      insertCounter.run(seq);
      issueDoc.run(`INV-2026-${String(seq).padStart(5, '0')}`, seq, id);
    });
    const bareSamples = await time(() => bareIssue.immediate(), INVOICES);

    const perSecond = (samples: number[]) => (1000 * samples.length) / samples.reduce((a, b) => a + b, 0);
    log(`issued ${INVOICES.toLocaleString('en')} invoices of 3 lines: ${perSecond(issues).toFixed(0)} invoices/s (issue only), drafts saved at ${perSecond(drafts).toFixed(0)}/s`);
    log(`bare INSERT baseline: ${perSecond(bareSamples).toFixed(0)} invoices/s; drafts + issue together: ${(1000 / (median(drafts) + median(issues))).toFixed(0)}/s at the medians`);
    const baseline = 'bare INSERTs of one invoice (document, 3 lines, counter), one transaction';
    return [
      { name: baseline, samples: bareSamples },
      { name: `invoices.issue of one 3-line invoice with 3 stock shipments and 4 journal entries (${INVOICES.toLocaleString('en')} in a row)`, samples: issues, baseline },
      { name: 'invoices.saveDraft of one 3-line invoice (SKUs resolved, prices, VAT)', samples: drafts, baseline },
    ];
  } finally {
    bare.close();
    await kontor.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(bareDir, { recursive: true, force: true });
  }
}

/** 200,000 documents of every kind and state, written straight into the tables (a generated dataset). */
export function fillDocuments(sqlite: Sqlite.Database): void {
  const insert = sqlite.prepare(
    `INSERT INTO document (kind, status, series_id, number, fiscal_year, seq, language, currency, base_currency, issue_date, due_date, buyer_contact_id, buyer_name, buyer, seller,
       credit_of_id, net_minor, tax_minor, gross_minor, paid_minor, payment_status, created_at, updated_at, issued_at)
     VALUES (@kind, @status, @series, @number, @fy, @seq, 'en', 'EUR', 'EUR', @issue, @due, @contact, @name, '{"name":"x","country":"DE"}', @seller,
       @creditOf, @net, @tax, @gross, @paid, @ps, 'x', 'x', 'x')`,
  );
  const kinds = ['invoice', 'invoice', 'invoice', 'invoice', 'quote', 'proforma', 'credit_note'] as const;
  const seriesOf = { quote: 1, proforma: 2, invoice: 3, credit_note: 4 } as const;
  const seqs = { quote: 0, proforma: 0, invoice: 0, credit_note: 0 };
  // Documents link to contact(id) with a foreign key: the 3,000 buyers exist first.
  const contact = sqlite.prepare(
    "INSERT OR IGNORE INTO contact (id, kind, name, name_key, role, payment_terms_kind, created_at, updated_at) VALUES (?, 'organisation', ?, ?, 'buyer', 'net', 'x', 'x')",
  );
  sqlite.transaction(() => {
    for (let id = 1; id <= 3000; id++) contact.run(id, `Buyer ${String(id - 1).padStart(4, '0')} Trading`, `buyer ${String(id - 1).padStart(4, '0')} trading`);
  })();
  sqlite.transaction(() => {
    for (let i = 0; i < LIST_DOCUMENTS; i++) {
      const kind = kinds[i % kinds.length] as (typeof kinds)[number];
      const draft = i % 50 === 0 && kind !== 'credit_note';
      const day = Math.floor((i / LIST_DOCUMENTS) * 1000);
      const issue = new Date(Date.UTC(2023, 6, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const due = new Date(Date.UTC(2023, 6, 31) + day * 86_400_000).toISOString().slice(0, 10);
      const gross = 10_000 + ((i * 7919) % 500_000);
      const state = i % 5;
      const paid = kind !== 'invoice' || draft ? 0 : state < 2 ? gross : state === 2 ? Math.floor(gross / 2) : 0;
      const seq = draft ? null : ++seqs[kind];
      insert.run({
        kind,
        status: draft ? 'draft' : 'issued',
        series: seriesOf[kind],
        number: seq === null ? null : `${kind.slice(0, 3).toUpperCase()}-${seq}`,
        fy: seq === null ? null : 2023,
        seq,
        issue: draft ? null : issue,
        due: draft ? null : due,
        contact: (i % 3000) + 1,
        name: `Buyer ${String((i * 31) % 3000).padStart(4, '0')} Trading`,
        seller: draft ? null : '{}',
        creditOf: kind === 'credit_note' ? 2 : null,
        net: gross - 1000,
        tax: 1000,
        gross,
        paid,
        ps: paid === 0 ? 'unpaid' : paid === gross ? 'paid' : 'partlyPaid',
      });
    }
  })();
  sqlite.exec('ANALYZE');
}

async function listing(log: (m: string) => void): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-list-'));
  const kontor = await openBench(dir);
  const bare = bareWriter(join(dir, 'kontor.sqlite'));
  try {
    const started = Date.now();
    fillDocuments(kontor.database.sqlite);
    log(`generated ${LIST_DOCUMENTS.toLocaleString('en')} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const today = '2025-06-30';
    const call = async (input: Record<string, unknown>): Promise<{ total: number; rows: unknown[] }> => {
      const result = await kontor.dispatcher.dispatch('invoices.list', { today, limit: 100, ...input });
      if (!result.ok) throw new Error(`invoices.list failed: ${result.error.message}`);
      return result.value as { total: number; rows: unknown[] };
    };
    const cols = 'id, kind, status, number, buyer_name, issue_date, due_date, currency, gross_minor, paid_minor, credited_minor, payment_status';
    const cases: { label: string; input: Record<string, unknown>; where: string; params: unknown[]; order?: string }[] = [
      { label: 'all, first page', input: {}, where: '', params: [] },
      { label: 'all, page 500 (offset 50,000)', input: { offset: 50_000 }, where: '', params: [] },
      { label: 'invoices only', input: { kind: 'invoice' }, where: "WHERE kind = 'invoice'", params: [] },
      { label: 'unpaid', input: { filter: 'unpaid' }, where: "WHERE kind = 'invoice' AND status = 'issued' AND payment_status = 'unpaid'", params: [] },
      { label: 'overdue (most overdue first)', input: { filter: 'overdue' }, where: "WHERE kind = 'invoice' AND status = 'issued' AND payment_status IN ('unpaid', 'partlyPaid') AND due_date < ?", params: [today], order: 'due_date, id' },
      { label: 'drafts', input: { filter: 'draft' }, where: "WHERE status = 'draft'", params: [] },
    ];
    const figures: Figure[] = [];
    for (const c of cases) {
      const offset = (c.input.offset as number | undefined) ?? 0;
      const barePage = () => {
        const total = bare.prepare(`SELECT count(*) FROM document ${c.where}`).pluck().get(...c.params) as number;
        const rows = bare.prepare(`SELECT ${cols} FROM document ${c.where} ORDER BY ${c.order ?? 'id DESC'} LIMIT 100 OFFSET ${offset}`).all(...c.params);
        return { total, rows };
      };
      const core = await call(c.input);
      const b = barePage();
      if (core.total !== b.total || core.rows.length !== b.rows.length) throw new Error(`${c.label}: core ${core.total}/${core.rows.length}, bare ${b.total}/${b.rows.length}`);
      const [x, y] = await timeAlternating(() => call(c.input), barePage, LIST_RUNS);
      const baseline = `bare count + SELECT page of 100: ${c.label}`;
      figures.push({ name: baseline, samples: y });
      figures.push({ name: `invoices.list page of 100 on 200,000 documents: ${c.label} (${core.total.toLocaleString('en')} match)`, samples: x, baseline, target: { percentile: 95, ms: 15 } });
    }
    // Search by buyer or number is a scan (LIKE '%…%'); no target in the issue, reported as it is.
    const search = { search: 'Buyer 0042' };
    const bareSearch = () => {
      const like = '%Buyer 0042%';
      const total = bare.prepare("SELECT count(*) FROM document WHERE (number LIKE ? OR buyer_name LIKE ?)").pluck().get(like, like) as number;
      return { total, rows: bare.prepare(`SELECT ${cols} FROM document WHERE (number LIKE ? OR buyer_name LIKE ?) ORDER BY id DESC LIMIT 100`).all(like, like) };
    };
    const [s, sb] = await timeAlternating(() => call(search), bareSearch, 20);
    figures.push({ name: 'bare LIKE search, page of 100', samples: sb });
    figures.push({ name: 'invoices.list search by buyer name on 200,000 documents', samples: s, baseline: 'bare LIKE search, page of 100' });
    return figures;
  } finally {
    bare.close();
    await kontor.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pdf(log: (m: string) => void): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-pdf-'));
  const kontor = await openBench(dir);
  const renderer = createChromiumRenderer();
  try {
    const service = createInvoicingService(kontor.database.db, kontor.database.sqlite, { buyers: fixedBuyers([buyer]), pdf: renderer });
    const lines = Array.from({ length: 12 }, (_, i) => ({ name: `Handwoven kilim ${i + 1}`, quantity: '1', unitPrice: '189.00' }));
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const d = await service.saveDraft(DraftInputSchema.parse({ kind: 'invoice', buyerContactId: 7, lines }));
      await service.issue(d.id, '2026-03-02');
      ids.push(d.id);
    }
    await service.pdf(ids[0] as number);
    let k = 1;
    const made = await time(() => service.pdf(ids[k++] as number), 10);
    const stored = await time(() => service.pdf(ids[0] as number), 10);
    log('PDF: Chromium through playwright-core, one browser kept open; the first PDF also starts the browser (not counted)');
    return [
      { name: 'invoices.pdf of a stored PDF (read back)', samples: stored },
      { name: 'PDF made with Chromium and stored (12-line invoice)', samples: made, baseline: 'invoices.pdf of a stored PDF (read back)' },
    ];
  } finally {
    await renderer.close();
    await kontor.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const invoices: Benchmark = {
  title: 'Invoices: issuing 10,000 invoices, the list on 200,000 documents, PDF',
  // KONTOR_BENCH_PARTS=list (or issue,pdf) runs only those parts.
  async run({ log }) {
    const parts = (process.env.KONTOR_BENCH_PARTS ?? 'issue,list,pdf').split(',');
    return [
      ...(parts.includes('issue') ? await issuing(log) : []),
      ...(parts.includes('list') ? await listing(log) : []),
      ...(parts.includes('pdf') ? await pdf(log) : []),
    ];
  },
};

export default invoices;
