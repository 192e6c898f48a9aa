import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCountsCsv } from '../../../shared/stock/countsCsv.ts';
import { checkProjections } from '../../../electron/core/stock/projections.ts';
import { issuesOf, openStockKontor, stockSnapshot, type StockKontor } from './support.ts';

let t: StockKontor;
beforeEach(async () => {
  t = await openStockKontor();
  t.product('RUG-01');
  t.product('RUG-02');
  t.product('SAFFRON', { unit: 'g' });
  await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '10', unitCost: '50.00' });
  await t.client.call('stock.receive', { sku: 'RUG-02', warehouse: 'MAIN', quantity: '4', unitCost: '80.00' });
});
afterEach(async () => {
  expect(checkProjections(t.sqlite)).toEqual([]);
  await t.close();
});

describe('stocktake', () => {
  it('shows expected, counted, difference and value impact, then posts every difference in one go', async () => {
    const created = await t.client.call('stocktake.create', { warehouse: 'MAIN', note: 'year end' });
    expect(created).toMatchObject({ status: 'open', warehouseCode: 'MAIN', lines: [], totals: { lines: 0, differing: 0, valueImpactMinor: 0 } });
    const review = await t.client.call('stocktake.setCounts', {
      id: created.id,
      counts: [
        { sku: 'RUG-01', counted: '8' },
        { sku: 'rug-02', counted: 4 },
        { sku: 'SAFFRON', counted: '250' },
      ],
    });
    expect(review.lines.map((l) => [l.sku, l.expectedMilli, l.countedMilli, l.differenceMilli, l.valueImpactMinor])).toEqual([
      ['RUG-01', 10_000, 8000, -2000, -10_000],
      ['RUG-02', 4000, 4000, 0, 0],
      ['SAFFRON', 0, 250_000, 250_000, 0], // never bought: no cost known
    ]);
    expect(review.totals).toEqual({ lines: 3, differing: 2, valueImpactMinor: -10_000 });

    const posted = await t.client.call('stocktake.post', { id: created.id });
    expect(posted.status).toBe('posted');
    expect(posted.postedAt).not.toBeNull();
    expect(posted.totals.valueImpactMinor).toBe(-10_000);
    const movements = t.sqlite.prepare('SELECT kind, quantity_milli, reason, stocktake_id FROM stock_movement WHERE stocktake_id IS NOT NULL ORDER BY id').all();
    expect(movements).toEqual([
      { kind: 'adjustment', quantity_milli: -2000, reason: `Stocktake #${created.id}: year end`, stocktake_id: created.id },
      { kind: 'adjustment', quantity_milli: 250_000, reason: `Stocktake #${created.id}: year end`, stocktake_id: created.id },
    ]);
    const levels = await t.client.call('stock.levels', { warehouse: 'MAIN' });
    expect(levels.rows.map((l) => [l.sku, l.onHandMilli])).toEqual([
      ['RUG-01', 8000],
      ['RUG-02', 4000],
      ['SAFFRON', 250_000],
    ]);
    const again = await t.client.tryCall('stocktake.post', { id: created.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('keeps movements made between counting and posting: what was reviewed is what posts', async () => {
    const { id } = await t.client.call('stocktake.create', { warehouse: 'MAIN' });
    await t.client.call('stocktake.setCounts', { id, counts: [{ sku: 'RUG-01', counted: '9' }] });
    await t.client.call('stock.ship', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '3' }); // left after the count
    const review = await t.client.call('stocktake.get', { id });
    expect(review.lines[0]).toMatchObject({ expectedMilli: 10_000, countedMilli: 9000, differenceMilli: -1000, onHandNowMilli: 7000 });
    await t.client.call('stocktake.post', { id });
    expect((await t.client.call('stock.levels', { warehouse: 'MAIN' })).rows[0]?.onHandMilli).toBe(6000);
  });

  it('posts all or nothing: one refused line leaves every line unposted and the count open', async () => {
    const { id } = await t.client.call('stocktake.create', { warehouse: 'MAIN' });
    await t.client.call('stocktake.setCounts', {
      id,
      counts: [
        { sku: 'RUG-01', counted: '12' },
        { sku: 'RUG-02', counted: '0' },
      ],
    });
    await t.client.call('stock.ship', { sku: 'RUG-02', warehouse: 'MAIN', quantity: '4' }); // books now 0; posting −4 would go negative
    const before = stockSnapshot(t.sqlite);
    const issues = issuesOf(await t.client.tryCall('stocktake.post', { id }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'lines.1.quantity', key: 'validation.stock.insufficientStock' });
    expect(issues[0]?.message).toMatch(/^Not enough RUG-02 in MAIN: 0 pcs on hand, 4 pcs requested/);
    expect(stockSnapshot(t.sqlite)).toEqual(before);
    expect((await t.client.call('stocktake.get', { id })).status).toBe('open');
    // Counting RUG-02 again notes the books afresh; then it posts.
    await t.client.call('stocktake.setCounts', { id, counts: [{ sku: 'RUG-02', counted: '0' }] });
    expect((await t.client.call('stocktake.post', { id })).status).toBe('posted');
  });

  it('refuses bad count lines together, each with its line, and stores none of them', async () => {
    const { id } = await t.client.call('stocktake.create', { warehouse: 'MAIN' });
    const issues = issuesOf(
      await t.client.tryCall('stocktake.setCounts', {
        id,
        counts: [
          { sku: 'RUG-01', counted: '7' },
          { sku: 'NOPE', counted: '1' },
          { sku: 'RUG-02', counted: '-1' },
          { sku: 'SAFFRON', counted: '1.5' },
        ],
      }),
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['counts.1.sku', 'There is no product with SKU NOPE.'],
      ['counts.2.counted', 'A quantity of RUG-02 cannot be negative; "-1" is.'],
      ['counts.3.counted', 'SAFFRON is counted in whole g; "1.5" has decimals.'],
    ]);
    expect((await t.client.call('stocktake.get', { id })).lines).toEqual([]);
  });

  it('allows one open count per warehouse, and a cancelled one changes nothing', async () => {
    const first = await t.client.call('stocktake.create', { warehouse: 'MAIN' });
    const second = await t.client.tryCall('stocktake.create', { warehouse: 'MAIN' });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `Warehouse MAIN already has an open stocktake (#${first.id}); post or cancel it first.` } });
    await t.client.call('stocktake.setCounts', { id: first.id, counts: [{ sku: 'RUG-01', counted: '1' }] });
    expect((await t.client.call('stocktake.cancel', { id: first.id })).status).toBe('cancelled');
    expect(await t.client.tryCall('stocktake.post', { id: first.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await t.client.call('stock.levels', { warehouse: 'MAIN' })).rows[0]?.onHandMilli).toBe(10_000);
    const list = await t.client.call('stocktake.list', { warehouse: 'MAIN' });
    expect(list.map((s) => [s.id, s.status])).toEqual([[first.id, 'cancelled']]);
    expect(await t.client.tryCall('stocktake.get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('count sheet import', () => {
  it('reads semicolon, tab or comma sheets with decimal commas and an optional header', () => {
    expect(parseCountsCsv('SKU;Counted\r\nRUG-01;12,5\n"RUG-02";3\n\n')).toEqual({
      ok: true,
      rows: [
        { sku: 'RUG-01', counted: '12,5' },
        { sku: 'RUG-02', counted: '3' },
      ],
    });
    expect(parseCountsCsv('RUG-01\t4\nRUG-02\t5')).toMatchObject({ ok: true, rows: [{ sku: 'RUG-01' }, { sku: 'RUG-02' }] });
    expect(parseCountsCsv('RUG-01,4')).toEqual({ ok: true, rows: [{ sku: 'RUG-01', counted: '4' }] });
  });

  it('names the lines it cannot read', () => {
    const parsed = parseCountsCsv('RUG-01;4\nRUG-02\nrug-01;5');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.message)).toEqual([
      'Line 2 should hold a SKU and a counted quantity separated by ";".',
      'Line 3 counts rug-01 again (first on line 1); add the quantities up into one line.',
    ]);
  });
});
