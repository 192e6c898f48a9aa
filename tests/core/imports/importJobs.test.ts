import { afterEach, describe, expect, test } from 'vitest';
import type { JobView } from '../../../shared/contract/jobs.ts';
import type { ImportResult } from '../../../shared/imports/result.ts';
import type { Mapping } from '../../../shared/imports/targets.ts';
import { DEMO_COMPANY } from '../../../electron/core/demo/demoCompany.ts';
import { contentHash, csvText } from '../../support/importFixtures.ts';
import { openKontorWithRunner } from '../jobs/support.ts';

type T = Awaited<ReturnType<typeof openKontorWithRunner>>;
let t: T | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function upload(k: T, fileName: string, content: string | Buffer): Promise<string> {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const { fileId } = await k.client.call('imports.upload', { fileName, dataBase64: data.toString('base64') });
  return fileId;
}

async function runJob(k: T, fileId: string, fileName: string, mapping: Mapping, extra: { mode?: 'all' | 'skipInvalid'; dryRun?: boolean } = {}): Promise<JobView> {
  const started = await k.client.call('jobs.start', {
    kind: 'catalog.import',
    input: { fileId, fileName, read: {}, mapping, mode: extra.mode ?? 'all', dryRun: extra.dryRun ?? false },
  });
  return k.jobs.wait(started.id);
}

describe('the wizard calls: upload, inspect, preview job, commit job, history, undo, templates', () => {
  test('a file goes from upload to a committed import and back by undo', async () => {
    t = await openKontorWithRunner({});
    const k = t;
    await k.client.call('products.create', { sku: 'OLD-1', texts: { en: { title: 'Old title' } }, brand: 'Before' });
    const before = contentHash(k.kontor.database.sqlite);
    const text = csvText([
      ['Référence', 'Nom', 'Marque', 'Prix'],
      ['OLD-1', 'New title', 'After', '5,00'],
      ['NEW-1', 'Brand new', 'After', '7,50'],
      ['BAD', '', '', 'x'],
    ], ';');
    const fileId = await upload(k, 'produits.csv', text);
    const inspected = await k.client.call('imports.inspect', { fileId, fileName: 'produits.csv', read: {} });
    expect(inspected).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', profile: 'generic', headers: ['Référence', 'Nom', 'Marque', 'Prix'] });
    expect(inspected.mapping.columns.map((c) => c.target)).toEqual(['sku', 'title:fr', 'brand', 'price:RETAIL']);
    expect(inspected.sampleRows[0]).toEqual(['OLD-1', 'New title', 'After', '5,00']);
    expect(inspected.targets).toContain('title:ar');

    const preview = await runJob(k, fileId, 'produits.csv', inspected.mapping, { dryRun: true });
    expect(preview.status).toBe('succeeded');
    const previewResult = preview.result as ImportResult;
    expect(previewResult.counts).toMatchObject({ create: 1, update: 1, errors: 1 });
    expect(previewResult.report).toMatch(/\.xlsx$/);
    expect(contentHash(k.kontor.database.sqlite)).toBe(before);

    const refused = await runJob(k, fileId, 'produits.csv', inspected.mapping);
    expect((refused.result as ImportResult).outcome).toBe('refused');
    expect(contentHash(k.kontor.database.sqlite)).toBe(before);

    const done = await runJob(k, fileId, 'produits.csv', inspected.mapping, { mode: 'skipInvalid' });
    const result = done.result as ImportResult;
    expect(result).toMatchObject({ outcome: 'committed', skippedRows: [4] });
    expect((await k.client.call('products.getBySku', { sku: 'OLD-1' })).brand).toBe('After');

    const report = await k.client.call('imports.file', { name: result.report ?? '' });
    expect(Buffer.from(report.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');

    const runs = await k.client.call('imports.runs.list', {});
    expect(runs[0]).toMatchObject({ id: result.runId, created: 1, updated: 1, skipped: 1, undoneAt: null });
    const undone = await k.client.call('imports.undo', { runId: result.runId ?? 0 });
    expect(undone).toMatchObject({ restored: 1, removed: 1, kept: [] });
    const old = await k.client.call('products.getBySku', { sku: 'OLD-1' });
    expect([old.brand, old.texts, old.prices]).toEqual(['Before', { en: { title: 'Old title', description: null } }, []]);
    await expect(k.client.call('products.getBySku', { sku: 'NEW-1' })).rejects.toThrow();
    await expect(k.client.call('imports.undo', { runId: result.runId ?? 0 })).rejects.toThrow(/already undone/);
    const found = await k.client.call('products.search', { text: 'brand new', limit: 5 });
    expect(found).toEqual([]);
    expect((await k.client.call('products.search', { text: 'old title', limit: 5 })).map((h) => h.sku)).toEqual(['OLD-1']);
  }, 60_000);

  test('undo keeps what was changed or used since the import, and says why', async () => {
    t = await openKontorWithRunner({});
    const k = t;
    await k.client.call('company.save', DEMO_COMPANY);
    const fileId = await upload(k, 'p.csv', csvText([['sku', 'title'], ['U-1', 'One'], ['U-2', 'Two'], ['U-3', 'Three']]));
    const inspected = await k.client.call('imports.inspect', { fileId, fileName: 'p.csv', read: {} });
    const result = (await runJob(k, fileId, 'p.csv', inspected.mapping)).result as ImportResult;
    const u1 = await k.client.call('products.getBySku', { sku: 'U-1' });
    await k.client.call('products.update', { id: u1.id, revision: u1.revision, brand: 'Edited since' });
    const u2 = await k.client.call('products.getBySku', { sku: 'U-2' });
    await k.client.call('stock.receive', { sku: 'U-2', warehouse: 'MAIN', quantity: '3', unitCost: '1.00' });
    void u2;
    const undone = await k.client.call('imports.undo', { runId: result.runId ?? 0 });
    expect(undone.removed).toBe(1);
    expect(undone.kept).toEqual(expect.arrayContaining([{ sku: 'U-1', reason: 'changedSince' }, { sku: 'U-2', reason: 'hasStock' }]));
    await expect(k.client.call('products.getBySku', { sku: 'U-3' })).rejects.toThrow();
  }, 60_000);

  test('a cancelled import leaves the database exactly as it was', async () => {
    t = await openKontorWithRunner({ progressIntervalMs: 5 });
    const k = t;
    const rows = [['sku', 'title_en', 'title_fr', 'price', 'brand'], ...Array.from({ length: 30_000 }, (_, i) => [`CAN-${i}`, `Product ${i}`, `Produit ${i}`, `${i % 100},50`, 'Brand'])];
    const fileId = await upload(k, 'big.csv', csvText(rows));
    const inspected = await k.client.call('imports.inspect', { fileId, fileName: 'big.csv', read: {} });
    const before = contentHash(k.kontor.database.sqlite);
    // Cancel when the rows have been read and checking starts: the worker then opens the write
    // transaction and writes in chunks, and the cancel lands while it is open (at a chunk boundary
    // or just before COMMIT). Waiting for the writing phase itself raced with a fast write.
    let jobId = 0;
    let cancelledWhile: string | null = null;
    const unsubscribe = k.kontor.events.subscribe((event) => {
      if (event.type !== 'job.updated' || event.job.id !== jobId || cancelledWhile !== null) return;
      if (event.job.message === 'checking') {
        cancelledWhile = `${event.job.message} ${event.job.done}/${event.job.total}`;
        void k.client.call('jobs.cancel', { id: jobId });
      }
    });
    const started = await k.client.call('jobs.start', {
      kind: 'catalog.import',
      input: { fileId, fileName: 'big.csv', read: {}, mapping: inspected.mapping, mode: 'all', dryRun: false },
    });
    jobId = started.id;
    const job = await k.jobs.wait(started.id);
    unsubscribe();
    expect(cancelledWhile).toBe('checking 30000/30000');
    expect(job.status).toBe('cancelled');
    expect(contentHash(k.kontor.database.sqlite)).toBe(before);
    expect(k.kontor.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);

  test('templates: save a mapping under a name, find it for a file with those headers, apply it', async () => {
    t = await openKontorWithRunner({});
    const k = t;
    const fileId = await upload(k, 'odd.csv', csvText([['Kode', 'Navn'], ['T-1', 'Tæppe']]));
    const inspected = await k.client.call('imports.inspect', { fileId, fileName: 'odd.csv', read: {} });
    expect(inspected.mapping.columns.map((c) => c.target)).toEqual([null, null]);
    const mapping: Mapping = { ...inspected.mapping, columns: [{ header: 'Kode', target: 'sku' }, { header: 'Navn', target: 'title:en' }] };
    await k.client.call('imports.templates.save', { name: 'Danish supplier', mapping });
    expect((await k.client.call('imports.templates.list', {})).map((x) => x.name)).toEqual(['Danish supplier']);
    const again = await k.client.call('imports.inspect', { fileId, fileName: 'odd.csv', read: {}, template: 'danish supplier' });
    expect(again.matchingTemplates).toEqual(['Danish supplier']);
    expect(again.mapping.columns.map((c) => c.target)).toEqual(['sku', 'title:en']);
    await k.client.call('imports.templates.delete', { name: 'Danish supplier' });
    expect(await k.client.call('imports.templates.list', {})).toEqual([]);
  }, 60_000);

  test('the catalog export job writes XLSX and CSV in the import columns', async () => {
    t = await openKontorWithRunner({});
    const k = t;
    await k.client.call('products.create', { sku: 'EXP-1', texts: { fr: { title: 'Théière' } }, prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 2590 }] }] });
    for (const format of ['xlsx', 'csv'] as const) {
      const started = await k.client.call('jobs.start', { kind: 'catalog.export', input: { format } });
      const job = await k.jobs.wait(started.id);
      expect(job.status).toBe('succeeded');
      const file = await k.client.call('imports.file', { name: (job.result as { file: string }).file });
      const bytes = Buffer.from(file.dataBase64, 'base64');
      if (format === 'csv') {
        const csv = bytes.toString('utf8');
        expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFsku,kind,parent_sku,status,title_en,description_en,title_fr,/);
        expect(csv).toContain('EXP-1,simple,,draft,,,Théière,');
        expect(csv).toContain(',25.90');
      } else expect(bytes.subarray(0, 2).toString()).toBe('PK');
    }
  }, 60_000);
});
