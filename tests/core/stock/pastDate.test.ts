import { afterEach, describe, expect, it } from 'vitest';
import { ensureCheckpoints, onHandAt, valuationAt } from '../../../electron/core/stock/pastDate.ts';
import { checkProjections } from '../../../electron/core/stock/projections.ts';
import { recordMovements, type MovementRequest } from '../../../electron/core/stock/recordMovements.ts';
import { writeStockSettings } from '../../../electron/core/stock/settings.ts';
import { openStockKontor, type StockKontor } from './support.ts';

let t: StockKontor;
afterEach(async () => {
  await t.close();
});

describe('stock at a past date', () => {
  it('answers valuation and on hand per warehouse as they were at the end of a day', async () => {
    t = await openStockKontor();
    t.product('RUG-01');
    t.product('VASE');
    await t.client.call('warehouses.create', { code: 'FBA-DE', name: 'Amazon DE', kind: 'marketplace' });
    await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '10', unitCost: '5.00', occurredAt: '2025-01-10' });
    await t.client.call('stock.receive', { sku: 'VASE', warehouse: 'MAIN', quantity: '2', unitCost: '30.00', occurredAt: '2025-01-20T09:00:00Z' });
    await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '10', unitCost: '6.00', occurredAt: '2025-02-01' });
    await t.client.call('stock.transfer', { sku: 'RUG-01', from: 'MAIN', to: 'FBA-DE', quantity: '5', occurredAt: '2025-02-15' });
    await t.client.call('stock.ship', { sku: 'RUG-01', warehouse: 'FBA-DE', quantity: '3', occurredAt: '2025-03-01' });

    const jan = await t.client.call('stock.valuation', { at: '2025-01-31' });
    expect(jan.at).toBe('2025-01-31T23:59:59.999Z');
    expect(jan.rows.map((r) => [r.sku, r.quantityMilli, r.valueMinor, r.averageCostMinor])).toEqual([
      ['RUG-01', 10_000, 5000, 500],
      ['VASE', 2000, 6000, 3000],
    ]);
    expect(jan.totalValueMinor).toBe(11_000);
    const beforeVase = await t.client.call('stock.valuation', { at: '2025-01-20T08:59:59Z' });
    expect(beforeVase.rows.map((r) => r.sku)).toEqual(['RUG-01']);
    const march = await t.client.call('stock.valuation', { at: '2025-03-01' });
    expect(march.rows[0]).toMatchObject({ sku: 'RUG-01', quantityMilli: 17_000, valueMinor: 9350 });
    expect(march.totalValueMinor).toBe(9350 + 6000);
    const now = await t.client.call('stock.valuation', {});
    expect(now.totalValueMinor).toBe(march.totalValueMinor);
    expect(now.at).toBeNull();

    const feb = await t.client.call('stock.onHandAt', { at: '2025-02-20' });
    expect(feb.rows.map((r) => [r.sku, r.warehouseCode, r.onHandMilli])).toEqual([
      ['RUG-01', 'FBA-DE', 5000],
      ['RUG-01', 'MAIN', 15_000],
      ['VASE', 'MAIN', 2000],
    ]);
    const fba = await t.client.call('stock.onHandAt', { at: '2025-03-02', warehouse: 'FBA-DE' });
    expect(fba.rows.map((r) => r.onHandMilli)).toEqual([2000]);
    expect((await t.client.call('stock.onHandAt', { at: '2024-12-31' })).total).toBe(0);
  });

  it('drops the checkpoints a backdated movement makes wrong, and answers right without them', async () => {
    t = await openStockKontor();
    const rug = t.product('RUG-01');
    const vase = t.product('VASE');
    for (let month = 1; month <= 6; month++) {
      const occurredAt = `2024-0${month}-15T12:00:00.000Z`;
      recordMovements(t.sqlite, [{ kind: 'receipt', productId: rug, warehouseId: 1, quantityMilli: 1000, unitCostMinor: 100, occurredAt }]);
    }
    const options = { every: 1, now: new Date('2024-07-02T00:00:00Z') };
    expect(valuationAt(t.sqlite, '2024-03-20T00:00:00.000Z', options).plan).toMatchObject({ base: 'checkpoint', movementsRead: 0 });
    const months = () => t.sqlite.prepare('SELECT at FROM stock_checkpoint ORDER BY at').pluck().all();
    expect(months()).toEqual(['2024-01-31T23:59:59.999Z', '2024-02-29T23:59:59.999Z', '2024-03-31T23:59:59.999Z', '2024-04-30T23:59:59.999Z', '2024-05-31T23:59:59.999Z', '2024-06-30T23:59:59.999Z']);
    // VASE has no history, so a movement dated in March is allowed; it changes March onwards.
    recordMovements(t.sqlite, [{ kind: 'receipt', productId: vase, warehouseId: 1, quantityMilli: 2000, unitCostMinor: 500, occurredAt: '2024-03-10T00:00:00.000Z' }]);
    expect(months()).toEqual(['2024-01-31T23:59:59.999Z', '2024-02-29T23:59:59.999Z']);
    const march = valuationAt(t.sqlite, '2024-03-31T23:59:59.999Z', options);
    expect([...march.products]).toEqual([
      [rug, { quantityMilli: 3000, valueMinor: 300 }],
      [vase, { quantityMilli: 2000, valueMinor: 1000 }],
    ]);
    expect(months()).toHaveLength(6); // made again from February on
    expect(onHandAt(t.sqlite, '2024-02-29T23:59:59.999Z', options).plan).toMatchObject({ base: 'checkpoint', baseAt: '2024-02-29T23:59:59.999Z', movementsRead: 0 });
  });

  for (const method of ['average', 'fifo'] as const) {
    it(`agrees forwards, backwards and with the books as they were, after random movements (${method})`, async () => {
      t = await openStockKontor();
      writeStockSettings(t.sqlite, { valuationMethod: method, allowNegativeStock: true });
      const products = ['A', 'B', 'C'].map((sku) => t.product(sku));
      const main = 1;
      const other = (await t.client.call('warehouses.create', { code: 'LYON', name: '3PL Lyon', kind: '3pl' })).id;
      let seed = 7;
      const random = (n: number): number => {
        // mulberry32: a small deterministic generator, so a failure can be replayed.
        seed = (seed + 0x6d2b79f5) | 0;
        let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return (((x ^ (x >>> 14)) >>> 0) % n);
      };
      const start = Date.parse('2022-01-01T00:00:00.000Z');
      const snapshots: { at: string; valuation: unknown; levels: unknown }[] = [];
      const written: number[] = [];
      for (let i = 0; i < 400; i++) {
        const at = new Date(start + i * 2 * 86_400_000).toISOString(); // two days apart: 26 month ends
        const productId = products[random(3)] ?? 0;
        const warehouseId = random(2) === 0 ? main : other;
        const q = (1 + random(7)) * 500;
        const roll = random(10);
        const request: MovementRequest =
          roll < 4
            ? { kind: 'receipt', productId, warehouseId, quantityMilli: q, unitCostMinor: 100 + random(900), occurredAt: at }
            : roll < 7
              ? { kind: 'shipment', productId, warehouseId, quantityMilli: -q, occurredAt: at }
              : roll < 8
                ? { kind: 'transfer', productId, fromWarehouseId: warehouseId, toWarehouseId: warehouseId === main ? other : main, quantityMilli: q, occurredAt: at }
                : roll < 9
                  ? { kind: 'adjustment', productId, warehouseId, quantityMilli: random(2) === 0 ? q : -q, reason: 'random', occurredAt: at }
                  : written.length > 0
                    ? { kind: 'correction', movementId: written[random(written.length)] ?? 0, occurredAt: at }
                    : { kind: 'return', productId, warehouseId, quantityMilli: q, occurredAt: at };
        try {
          written.push(...recordMovements(t.sqlite, [request]).flat());
        } catch (error) {
          // A random correction may hit one already corrected (or a shipment with returns): refused, fine.
          if (!(error instanceof Error && /already corrected|itself the correction|has returns/.test(error.message))) throw error;
        }
        if (i % 40 === 39) {
          snapshots.push({
            at,
            valuation: t.sqlite.prepare('SELECT product_id, quantity_milli, value_minor FROM stock_valuation WHERE quantity_milli <> 0 OR value_minor <> 0 ORDER BY 1').all(),
            levels: t.sqlite.prepare('SELECT product_id, warehouse_id, on_hand_milli FROM stock_level WHERE on_hand_milli <> 0 ORDER BY 1, 2').all(),
          });
        }
      }
      expect(written.length).toBeGreaterThan(350);
      expect(checkProjections(t.sqlite)).toEqual([]);
      expect(ensureCheckpoints(t.sqlite, new Date(), 50)).toBeGreaterThan(5);
      for (const snapshot of snapshots) {
        for (const checkpoints of [false, true]) {
          const options = { checkpoints, now: new Date(), every: 50 };
          const direction = checkpoints ? 'with checkpoints' : 'from the ledger';
          const v = valuationAt(t.sqlite, snapshot.at, options).products;
          const valuation = [...v].sort(([a], [b]) => a - b).map(([product_id, e]) => ({ product_id, quantity_milli: e.quantityMilli, value_minor: e.valueMinor }));
          expect(valuation, `${snapshot.at} ${direction}`).toEqual(snapshot.valuation);
          const l = onHandAt(t.sqlite, snapshot.at, options).onHand;
          const levels = [...l]
            .map(([key, q]) => ({ product_id: Math.floor(key / 2 ** 20), warehouse_id: key % 2 ** 20, on_hand_milli: q }))
            .sort((a, b) => a.product_id - b.product_id || a.warehouse_id - b.warehouse_id);
          expect(levels, `${snapshot.at} ${direction}`).toEqual(snapshot.levels);
        }
      }
    });
  }
});
