import { registerAuditFunctions } from '../../../electron/core/audit/actor.ts';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointWorkPending, ensureCheckpoints, foldLateMovements, makeDueCheckpoints, onHandAt, onHandSortedAt, unpackState, valuationAt } from '../../../electron/core/stock/pastDate.ts';
import { scheduleCheckpoints } from '../../../electron/core/stock/checkpointScheduler.ts';
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

  it('answers page after page of a past date from one computation, and anew after any write, here or in another connection', async () => {
    t = await openStockKontor();
    for (const sku of ['A', 'B', 'C']) t.product(sku);
    for (const sku of ['A', 'B', 'C']) await t.client.call('stock.receive', { sku, warehouse: 'MAIN', quantity: '2', unitCost: '1.00', occurredAt: '2025-01-10' });
    const page = async (offset: number) => (await t.client.call('stock.onHandAt', { at: '2025-02-01', offset, limit: 2 })).rows.map((r) => [r.sku, r.onHandMilli]);
    expect([...(await page(0)), ...(await page(2))]).toEqual([['A', 2000], ['B', 2000], ['C', 2000]]);
    // Written through this connection: the next page sees it.
    await t.client.call('stock.receive', { sku: 'B', warehouse: 'MAIN', quantity: '1', unitCost: '1.00', occurredAt: '2025-01-20' });
    expect(await page(0)).toEqual([['A', 2000], ['B', 3000]]);
    // Written by another process (the CLI, say): seen as well.
    const other = new Sqlite(t.kontor.databasePath);
    try {
      other.pragma('busy_timeout = 5000');
      // As the CLI opens it: with the audit trail's functions, or the audited tables refuse the write.
      registerAuditFunctions(other, 'cli:test');
      recordMovements(other, [{ kind: 'receipt', productId: t.sqlite.prepare("SELECT id FROM product WHERE sku = 'C'").pluck().get() as number, warehouseId: 1, quantityMilli: 5000, unitCostMinor: 100, occurredAt: '2025-01-21T00:00:00.000Z' }]);
    } finally {
      other.close();
    }
    expect(await page(2)).toEqual([['C', 7000]]);
    // A renamed product keeps its place by its new SKU.
    t.sqlite.prepare("UPDATE product SET sku = 'Z' WHERE sku = 'A'").run();
    expect([...(await page(0)), ...(await page(2))]).toEqual([['B', 3000], ['C', 7000], ['Z', 2000]]);
  });

  it('keeps its checkpoints when a backdated movement comes, corrects them on reading, and folds it in', async () => {
    t = await openStockKontor();
    const rug = t.product('RUG-01');
    const vase = t.product('VASE');
    for (let month = 1; month <= 6; month++) {
      const occurredAt = `2024-0${month}-15T12:00:00.000Z`;
      recordMovements(t.sqlite, [{ kind: 'receipt', productId: rug, warehouseId: 1, quantityMilli: 1000, unitCostMinor: 100, occurredAt }]);
    }
    const now = new Date('2024-07-02T00:00:00Z');
    const options = { every: 1, now };
    // A query alone makes no checkpoint (that is the background job's work) and is right without.
    expect(valuationAt(t.sqlite, '2024-03-20T00:00:00.000Z', options).plan.base).not.toBe('checkpoint');
    expect(makeDueCheckpoints(t.sqlite, options)).toBe(6);
    expect(valuationAt(t.sqlite, '2024-03-20T00:00:00.000Z', options).plan).toMatchObject({ base: 'checkpoint', movementsRead: 0 });
    const months = () => t.sqlite.prepare('SELECT at FROM stock_checkpoint ORDER BY at').pluck().all();
    expect(months()).toEqual(['2024-01-31T23:59:59.999Z', '2024-02-29T23:59:59.999Z', '2024-03-31T23:59:59.999Z', '2024-04-30T23:59:59.999Z', '2024-05-31T23:59:59.999Z', '2024-06-30T23:59:59.999Z']);
    const stored = () => t.sqlite.prepare('SELECT at, state, through_movement_id FROM stock_checkpoint ORDER BY at').all();
    const before = stored();
    // VASE has no history, so a movement dated in March is allowed; it changes March onwards.
    const [[late = 0] = []] = recordMovements(t.sqlite, [{ kind: 'receipt', productId: vase, warehouseId: 1, quantityMilli: 2000, unitCostMinor: 500, occurredAt: '2024-03-10T00:00:00.000Z' }]);
    expect(months()).toHaveLength(6);
    expect(stored()).toEqual(before); // the writer paid one index entry, nothing more
    expect(t.sqlite.prepare('SELECT movement_id FROM stock_checkpoint_late').pluck().all()).toEqual([late]);
    const march = valuationAt(t.sqlite, '2024-03-31T23:59:59.999Z', options);
    expect(march.plan).toMatchObject({ base: 'checkpoint', baseAt: '2024-03-31T23:59:59.999Z', movementsRead: 0 });
    expect([...march.products]).toEqual([
      [rug, { quantityMilli: 3000, valueMinor: 300 }],
      [vase, { quantityMilli: 2000, valueMinor: 1000 }],
    ]);
    expect([...valuationAt(t.sqlite, '2024-02-29T23:59:59.999Z', options).products]).toEqual([[rug, { quantityMilli: 2000, valueMinor: 200 }]]);
    expect(checkpointWorkPending(t.sqlite, { now, every: 1, foldAfter: 2 })).toBe(false);
    expect(checkpointWorkPending(t.sqlite, { now, every: 1, foldAfter: 1 })).toBe(true);

    // Folding rewrites March to June, leaves January and February, and forgets the late movement.
    expect(foldLateMovements(t.sqlite, { now })).toBe(4);
    expect(t.sqlite.prepare('SELECT count(*) FROM stock_checkpoint_late').pluck().get()).toBe(0);
    expect(checkpointWorkPending(t.sqlite, { now, every: 1, foldAfter: 1 })).toBe(false);
    const after = stored() as { at: string; state: Buffer }[];
    expect(after.slice(0, 2).map((c) => c.state)).toEqual((before as { state: Buffer }[]).slice(0, 2).map((c) => c.state));
    expect([...unpackState(after[2]!.state).valuation]).toEqual([...march.products]);
    expect([...valuationAt(t.sqlite, '2024-03-31T23:59:59.999Z', options).products]).toEqual([...march.products]);
  });

  it('answers as a recomputation from the ledger after backdated movements, before and after folding them in', async () => {
    t = await openStockKontor();
    writeStockSettings(t.sqlite, { valuationMethod: 'average', allowNegativeStock: true });
    const products = ['A', 'B', 'C', 'D'].map((sku) => t.product(sku));
    const other = (await t.client.call('warehouses.create', { code: 'LYON', name: '3PL Lyon', kind: '3pl' })).id;
    let seed = 11;
    const random = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) % n;
    };
    const start = Date.parse('2023-01-01T00:00:00.000Z');
    const day = (d: number) => new Date(start + d * 86_400_000 + random(86_400_000)).toISOString();
    // A movement may only be dated before others of the ledger for a product without later history
    // (costs stored on later movements would change otherwise): backdated ones go to new products.
    const move = (at: string, productId = products[random(4)] ?? 0): void => {
      const warehouseId = random(2) === 0 ? 1 : other;
      const q = (1 + random(9)) * 250;
      const roll = random(3);
      recordMovements(t.sqlite, [
        roll === 0
          ? { kind: 'receipt', productId, warehouseId, quantityMilli: q, unitCostMinor: 100 + random(900), occurredAt: at }
          : roll === 1
            ? { kind: 'shipment', productId, warehouseId, quantityMilli: -q, occurredAt: at }
            : { kind: 'adjustment', productId, warehouseId, quantityMilli: q, reason: 'count', occurredAt: at },
      ]);
    };
    for (let d = 0; d < 360; d++) move(day(d));
    const now = new Date('2024-01-05T00:00:00.000Z');
    expect(makeDueCheckpoints(t.sqlite, { now, every: 10 })).toBe(12);

    // Both answers, with checkpoints and from the ledger alone, at each month end and in between.
    const dates = Array.from({ length: 25 }, (_, i) => new Date(start + i * 15 * 86_400_000 + 3_600_000).toISOString());
    const expectAsLedger = (when: string): void => {
      for (const at of dates) {
        const fromLedger = { checkpoints: false, now };
        const sorted = <V>(m: Map<number, V>) => [...m].sort(([a], [b]) => a - b);
        const ledger = sorted(onHandAt(t.sqlite, at, fromLedger).onHand);
        expect(sorted(onHandAt(t.sqlite, at, { now }).onHand), `${when}: on hand at ${at}`).toEqual(ledger);
        const arrays = onHandSortedAt(t.sqlite, at, { now });
        expect([...arrays.keys].map((k, i) => [k, arrays.quantities[i]]), `${when}: sorted on hand at ${at}`).toEqual(ledger);
        expect(sorted(valuationAt(t.sqlite, at, { now }).products), `${when}: valuation at ${at}`).toEqual(sorted(valuationAt(t.sqlite, at, fromLedger).products));
      }
    };
    expectAsLedger('as made');
    // Backdated movements of new products, interleaved: some before every checkpoint, some between,
    // some on a month end itself, each product's own in date order.
    const backdate = (count: number, skus: string[]): void => {
      const late = skus.map((sku, i) => ({ id: t.product(sku), next: i === 0 ? 89.999999 : random(300) }));
      for (let i = 0; i < count; i++) {
        const p = late[i % late.length]!;
        const at = p.next === 89.999999 ? '2023-03-31T23:59:59.999Z' : new Date(start + p.next * 86_400_000).toISOString();
        move(at, p.id);
        p.next = Math.floor(p.next) + 1 + random(20);
      }
    };
    backdate(40, ['L1', 'L2', 'L3', 'L4', 'L5']);
    expect(t.sqlite.prepare('SELECT count(*) FROM stock_checkpoint_late').pluck().get()).toBeGreaterThan(30);
    expect(t.sqlite.prepare('SELECT count(*) FROM stock_checkpoint').pluck().get()).toBe(12);
    expectAsLedger('with late movements');
    expect(foldLateMovements(t.sqlite, { now })).toBeGreaterThan(6);
    expect(t.sqlite.prepare('SELECT count(*) FROM stock_checkpoint_late').pluck().get()).toBe(0);
    expectAsLedger('folded');
    // Late again after folding, and a new month made from a checkpoint that has late movements.
    backdate(10, ['M1', 'M2']);
    for (let d = 370; d < 400; d++) move(day(d));
    expect(makeDueCheckpoints(t.sqlite, { now: new Date('2024-02-05T00:00:00.000Z'), every: 10 })).toBe(1);
    expectAsLedger('late again, one more month');
    foldLateMovements(t.sqlite, { now });
    expectAsLedger('folded again');
  });

  it('makes and folds checkpoints in the stock.checkpoints job, started by the scheduler when there is work', async () => {
    t = await openStockKontor();
    const rug = t.product('RUG-01');
    const vase = t.product('VASE');
    for (let month = 1; month <= 9; month++) {
      recordMovements(t.sqlite, [{ kind: 'receipt', productId: rug, warehouseId: 1, quantityMilli: 1000 * month, unitCostMinor: 100, occurredAt: `2024-0${month}-15T12:00:00.000Z` }]);
    }
    // The real threshold (20,000 movements a checkpoint) is not met by nine movements: nothing to do.
    const scheduler = scheduleCheckpoints({ sqlite: t.sqlite, jobs: t.kontor.jobs, log: { info() {}, warn() {}, error() {} }, firstDelayMs: 3_600_000, foldAfter: 1 });
    try {
      expect(await scheduler.check()).toBeNull();
      // Make the checkpoints the job would have made, then backdate a movement: now there is work.
      ensureCheckpoints(t.sqlite, new Date(), 1);
      recordMovements(t.sqlite, [{ kind: 'receipt', productId: vase, warehouseId: 1, quantityMilli: 500, unitCostMinor: 100, occurredAt: '2024-02-01T00:00:00.000Z' }]);
      const id = await scheduler.check();
      expect(id).not.toBeNull();
      const job = await t.kontor.jobs.wait(id!);
      expect(job).toMatchObject({ kind: 'stock.checkpoints', status: 'succeeded' });
      expect(t.sqlite.prepare('SELECT count(*) FROM stock_checkpoint_late').pluck().get()).toBe(0);
      expect([...onHandAt(t.sqlite, '2024-02-29T23:59:59.999Z').onHand]).toEqual([
        [rug * 2 ** 20 + 1, 3000],
        [vase * 2 ** 20 + 1, 500],
      ]);
      expect(await scheduler.check()).toBeNull();
    } finally {
      scheduler.close();
    }
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
          const arrays = onHandSortedAt(t.sqlite, snapshot.at, options);
          expect(new Map([...arrays.keys].map((k, i) => [k, arrays.quantities[i]])), `${snapshot.at} ${direction}, as sorted arrays`).toEqual(l);
          const levels = [...l]
            .map(([key, q]) => ({ product_id: Math.floor(key / 2 ** 20), warehouse_id: key % 2 ** 20, on_hand_milli: q }))
            .sort((a, b) => a.product_id - b.product_id || a.warehouse_id - b.warehouse_id);
          expect(levels, `${snapshot.at} ${direction}`).toEqual(snapshot.levels);
        }
      }
    });
  }
});
