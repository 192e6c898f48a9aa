import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkProjections } from '../../../electron/core/stock/projections.ts';
import { countMovements } from '../../support/catalogRows.ts';
import { issuesOf, openStockKontor, stockSnapshot, type StockKontor } from './support.ts';

let t: StockKontor;
beforeEach(async () => {
  t = await openStockKontor();
  await t.client.call('warehouses.create', { code: 'fba-de', name: 'Amazon DE', kind: 'marketplace', country: 'DE' });
});
afterEach(async () => {
  expect(checkProjections(t.sqlite)).toEqual([]);
  await t.close();
});

const valuationOf = async (sku: string) => (await t.client.call('stock.valuation', {})).rows.find((r) => r.sku === sku);
const onHand = async (sku: string, warehouse: string) =>
  (await t.client.call('stock.levels', { warehouse })).rows.find((r) => r.sku === sku)?.onHandMilli ?? 0;

describe('moving average cost', () => {
  it('averages receipts at different costs and stores the cost of goods on each shipment', async () => {
    t.product('RUG-01');
    await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '10', unitCost: '5.00', supplier: 'Atelier Fès' });
    await t.client.call('stock.receive', { sku: 'rug-01', warehouse: 'main', quantity: 10, unitCost: '6,00' });
    expect(await valuationOf('RUG-01')).toMatchObject({ quantityMilli: 20_000, valueMinor: 11_000, averageCostMinor: 550 });

    const shipped = await t.client.call('stock.ship', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '3', reference: 'INV-1' });
    expect(shipped.currency).toBe('EUR');
    expect(shipped.movements).toHaveLength(1);
    expect(shipped.movements[0]).toMatchObject({
      kind: 'shipment',
      quantityMilli: -3000,
      valueMinor: -1650,
      costOfGoodsMinor: 1650,
      unitCostMinor: 550,
      warehouseCode: 'MAIN',
      reference: 'INV-1',
    });

    const rest = await t.client.call('stock.ship', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '17' });
    expect(rest.movements[0]?.costOfGoodsMinor).toBe(9350);
    expect(await valuationOf('RUG-01')).toBeUndefined(); // nothing left: neither quantity nor value
    const raw = t.sqlite.prepare('SELECT quantity_milli, value_minor FROM stock_valuation').get();
    expect(raw).toEqual({ quantity_milli: 0, value_minor: 0 });
  });

  it('splits 10.00 over three units as whole cents that add up exactly', async () => {
    t.product('TAJINE');
    await t.client.call('stock.receive', { sku: 'TAJINE', warehouse: 'MAIN', quantity: '3', totalCost: '10.00' });
    const costs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { movements } = await t.client.call('stock.ship', { sku: 'TAJINE', warehouse: 'MAIN', quantity: '1' });
      costs.push(movements[0]?.costOfGoodsMinor ?? Number.NaN);
    }
    // mulDivRound rounds half away from zero: 1000/3 → 333, 667/2 → 334, and the last unit takes the rest.
    expect(costs).toEqual([333, 334, 333]);
    expect(costs.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('keeps fractional quantities exact (metres of fabric)', async () => {
    t.product('KILIM-M', { unit: 'm' });
    await t.client.call('stock.receive', { sku: 'KILIM-M', warehouse: 'MAIN', quantity: '12,5', unitCost: '8.00' });
    const cut = await t.client.call('stock.ship', { sku: 'KILIM-M', warehouse: 'MAIN', quantity: '0.75' });
    expect(cut.movements[0]).toMatchObject({ quantityMilli: -750, costOfGoodsMinor: 600 });
    expect(await valuationOf('KILIM-M')).toMatchObject({ quantityMilli: 11_750, valueMinor: 9400 });
  });

  it('transfers at the current cost: two movements sharing an id, total value unchanged', async () => {
    t.product('ARGAN-50');
    await t.client.call('stock.receive', { sku: 'ARGAN-50', warehouse: 'MAIN', quantity: '10', unitCost: '5.00' });
    await t.client.call('stock.receive', { sku: 'ARGAN-50', warehouse: 'MAIN', quantity: '10', unitCost: '6.00' });
    const { movements } = await t.client.call('stock.transfer', { sku: 'ARGAN-50', from: 'MAIN', to: 'FBA-DE', quantity: '4' });
    expect(movements.map((m) => [m.kind, m.warehouseCode, m.quantityMilli, m.valueMinor])).toEqual([
      ['transfer_out', 'MAIN', -4000, -2200],
      ['transfer_in', 'FBA-DE', 4000, 2200],
    ]);
    expect(movements[0]?.transferId).not.toBeNull();
    expect(movements[0]?.transferId).toBe(movements[1]?.transferId);
    expect(await valuationOf('ARGAN-50')).toMatchObject({ quantityMilli: 20_000, valueMinor: 11_000 });
    expect(await onHand('ARGAN-50', 'MAIN')).toBe(16_000);
    expect(await onHand('ARGAN-50', 'FBA-DE')).toBe(4000);
    const levels = (await t.client.call('stock.levels', {})).rows.filter((r) => r.sku === 'ARGAN-50');
    expect(levels.map((l) => l.valueMinor)).toEqual([2200, 8800]); // FBA-DE, MAIN at the average
  });

  it('takes a return back at the cost of its shipment; the last units back take the rest', async () => {
    t.product('POUF');
    await t.client.call('stock.receive', { sku: 'POUF', warehouse: 'MAIN', quantity: '3', totalCost: '10.00' });
    const ship = (await t.client.call('stock.ship', { sku: 'POUF', warehouse: 'MAIN', quantity: '2' })).movements[0];
    expect(ship?.costOfGoodsMinor).toBe(667);
    await t.client.call('stock.receive', { sku: 'POUF', warehouse: 'MAIN', quantity: '1', unitCost: '9.00' }); // average moves on
    const first = await t.client.call('stock.return', { shipmentId: ship?.id ?? 0, quantity: '1', reason: 'wrong colour' });
    expect(first.movements[0]).toMatchObject({ kind: 'return', productId: ship?.productId, warehouseCode: 'MAIN', quantityMilli: 1000, valueMinor: 334, returnOfId: ship?.id });
    const second = await t.client.call('stock.return', { shipmentId: ship?.id ?? 0, quantity: '1' });
    expect(second.movements[0]?.valueMinor).toBe(333); // 334 + 333 = the shipment's 667

    const tooMuch = issuesOf(await t.client.tryCall('stock.return', { shipmentId: ship?.id ?? 0, quantity: '1' }));
    expect(tooMuch[0]).toMatchObject({ path: 'quantity', key: 'validation.stock.returnTooMuch' });
    expect(tooMuch[0]?.message).toMatch(/sent 2 pcs of POUF and 2 pcs came back already; at most 0 pcs/);
  });

  it('takes a return without its shipment back at the average cost', async () => {
    t.product('LAMP');
    await t.client.call('stock.receive', { sku: 'LAMP', warehouse: 'MAIN', quantity: '4', unitCost: '12.50' });
    const { movements } = await t.client.call('stock.return', { sku: 'LAMP', warehouse: 'MAIN', quantity: '1' });
    expect(movements[0]).toMatchObject({ valueMinor: 1250, returnOfId: null });
  });
});

describe('corrections', () => {
  it('reverses a receipt keyed in at the wrong cost, so the average is right again', async () => {
    t.product('VASE');
    await t.client.call('stock.receive', { sku: 'VASE', warehouse: 'MAIN', quantity: '10', unitCost: '5.00' });
    const wrong = (await t.client.call('stock.receive', { sku: 'VASE', warehouse: 'MAIN', quantity: '10', unitCost: '60.00' })).movements[0];
    const { movements } = await t.client.call('stock.correct', { movementId: wrong?.id ?? 0 });
    expect(movements[0]).toMatchObject({ kind: 'receipt', quantityMilli: -10_000, valueMinor: -60_000, correctsId: wrong?.id, reason: `Correction of movement #${wrong?.id}` });
    expect(await valuationOf('VASE')).toMatchObject({ quantityMilli: 10_000, valueMinor: 5000 });
    const history = await t.client.call('stock.movements', { sku: 'VASE' });
    expect(history.rows.find((m) => m.id === wrong?.id)?.correctedById).toBe(movements[0]?.id);

    const again = issuesOf(await t.client.tryCall('stock.correct', { movementId: wrong?.id ?? 0 }));
    expect(again[0]).toMatchObject({ path: 'movementId', key: 'validation.stock.alreadyCorrected' });
    const ofCorrection = issuesOf(await t.client.tryCall('stock.correct', { movementId: movements[0]?.id ?? 0 }));
    expect(ofCorrection[0]?.key).toBe('validation.stock.correctingACorrection');
  });

  it('brings a corrected shipment back at its cost of goods and reverses both halves of a transfer', async () => {
    t.product('PLATE');
    await t.client.call('stock.receive', { sku: 'PLATE', warehouse: 'MAIN', quantity: '3', totalCost: '10.00' });
    const ship = (await t.client.call('stock.ship', { sku: 'PLATE', warehouse: 'MAIN', quantity: '1' })).movements[0];
    const back = await t.client.call('stock.correct', { movementId: ship?.id ?? 0, reason: 'shipped by mistake' });
    expect(back.movements[0]).toMatchObject({ kind: 'shipment', quantityMilli: 1000, valueMinor: 333, costOfGoodsMinor: -333, reason: 'shipped by mistake' });
    expect(await valuationOf('PLATE')).toMatchObject({ quantityMilli: 3000, valueMinor: 1000 });

    const moved = await t.client.call('stock.transfer', { sku: 'PLATE', from: 'MAIN', to: 'FBA-DE', quantity: '2' });
    const undone = await t.client.call('stock.correct', { movementId: moved.movements[1]?.id ?? 0 });
    expect(undone.movements.map((m) => [m.kind, m.warehouseCode, m.quantityMilli, m.correctsId])).toEqual([
      ['transfer_out', 'MAIN', 2000, moved.movements[0]?.id],
      ['transfer_in', 'FBA-DE', -2000, moved.movements[1]?.id],
    ]);
    expect(await onHand('PLATE', 'MAIN')).toBe(3000);
    expect(await onHand('PLATE', 'FBA-DE')).toBe(0);
  });

  it('refuses to reverse a receipt whose goods are already gone, unless negative stock is allowed', async () => {
    t.product('CUSHION');
    const receipt = (await t.client.call('stock.receive', { sku: 'CUSHION', warehouse: 'MAIN', quantity: '2', unitCost: '4.00' })).movements[0];
    await t.client.call('stock.ship', { sku: 'CUSHION', warehouse: 'MAIN', quantity: '2' });
    const refused = issuesOf(await t.client.tryCall('stock.correct', { movementId: receipt?.id ?? 0 }));
    expect(refused[0]?.message).toBe(
      'Not enough CUSHION in MAIN: 0 pcs on hand, 2 pcs requested. Negative stock is not allowed in the stock settings.',
    );
  });

  it('movements are append-only in the database itself', async () => {
    t.product('BOWL');
    await t.client.call('stock.receive', { sku: 'BOWL', warehouse: 'MAIN', quantity: '1', unitCost: '1.00' });
    expect(() => t.sqlite.prepare('UPDATE stock_movement SET quantity_milli = 5000').run()).toThrow(/append-only/);
    expect(() => t.sqlite.prepare('DELETE FROM stock_movement').run()).toThrow(/append-only/);
    expect(countMovements(t.sqlite)).toBe(1);
  });
});

describe('negative stock', () => {
  it('is refused by default, naming the SKU, the warehouse, what is on hand and what was asked', async () => {
    t.product('RUG-02');
    await t.client.call('stock.receive', { sku: 'RUG-02', warehouse: 'MAIN', quantity: '2', unitCost: '100.00' });
    const before = stockSnapshot(t.sqlite);
    const issues = issuesOf(await t.client.tryCall('stock.ship', { sku: 'RUG-02', warehouse: 'MAIN', quantity: '3' }));
    expect(issues).toEqual([
      {
        path: 'quantity',
        key: 'validation.stock.insufficientStock',
        message: 'Not enough RUG-02 in MAIN: 2 pcs on hand, 3 pcs requested. Negative stock is not allowed in the stock settings.',
        params: { sku: 'RUG-02', warehouse: 'MAIN', onHand: '2', requested: '3', unit: 'pcs' },
      },
    ]);
    const adjust = issuesOf(await t.client.tryCall('stock.adjust', { sku: 'RUG-02', warehouse: 'MAIN', quantity: '-3', reason: 'broken' }));
    expect(adjust[0]?.key).toBe('validation.stock.insufficientStock');
    const transfer = issuesOf(await t.client.tryCall('stock.transfer', { sku: 'RUG-02', from: 'MAIN', to: 'FBA-DE', quantity: '3' }));
    expect(transfer[0]?.key).toBe('validation.stock.insufficientStock');
    expect(stockSnapshot(t.sqlite)).toEqual(before);
  });

  it('is allowed by the setting, valued at the last cost, and a later receipt fills the hole exactly', async () => {
    t.product('RUG-03');
    await t.client.call('stock.settings.set', { allowNegativeStock: true });
    await t.client.call('stock.receive', { sku: 'RUG-03', warehouse: 'MAIN', quantity: '2', unitCost: '100.00' });
    const ship = await t.client.call('stock.ship', { sku: 'RUG-03', warehouse: 'MAIN', quantity: '5' });
    expect(ship.movements[0]?.costOfGoodsMinor).toBe(50_000); // 2 at 100 on hand, 3 more at 100
    expect(await onHand('RUG-03', 'MAIN')).toBe(-3000);
    expect(await valuationOf('RUG-03')).toMatchObject({ quantityMilli: -3000, valueMinor: -30_000 });
    const fill = await t.client.call('stock.receive', { sku: 'RUG-03', warehouse: 'MAIN', quantity: '4', unitCost: '120.00' });
    // 3 fill the hole (estimated at 100, bought at 120: 60.00 goes to cost), 1 stays at 120.
    expect(fill.movements[0]).toMatchObject({ valueMinor: 42_000, unitCostMinor: 12_000 });
    expect(await valuationOf('RUG-03')).toMatchObject({ quantityMilli: 1000, valueMinor: 12_000 });
  });
});

describe('settings', () => {
  it('answers defaults and refuses to change the valuation method once stock has moved', async () => {
    expect(await t.client.call('stock.settings.get', {})).toEqual({ allowNegativeStock: false, valuationMethod: 'average' });
    expect(await t.client.call('stock.settings.set', { valuationMethod: 'fifo' })).toEqual({ allowNegativeStock: false, valuationMethod: 'fifo' });
    t.product('X');
    await t.client.call('stock.receive', { sku: 'X', warehouse: 'MAIN', quantity: '1', unitCost: '1' });
    const issues = issuesOf(await t.client.tryCall('stock.settings.set', { valuationMethod: 'average' }));
    expect(issues[0]).toMatchObject({ path: 'valuationMethod', key: 'validation.stock.methodLocked' });
    expect(await t.client.call('stock.settings.set', { allowNegativeStock: true })).toEqual({ allowNegativeStock: true, valuationMethod: 'fifo' });
  });
});

describe('FIFO', () => {
  beforeEach(async () => {
    await t.client.call('stock.settings.set', { valuationMethod: 'fifo' });
  });

  it('costs shipments from the oldest layers first and keeps the layers equal to the valuation', async () => {
    t.product('RUG-F');
    await t.client.call('stock.receive', { sku: 'RUG-F', warehouse: 'MAIN', quantity: '10', unitCost: '5.00' });
    await t.client.call('stock.receive', { sku: 'RUG-F', warehouse: 'MAIN', quantity: '10', unitCost: '6.00' });
    const ship = await t.client.call('stock.ship', { sku: 'RUG-F', warehouse: 'MAIN', quantity: '15' });
    expect(ship.movements[0]?.costOfGoodsMinor).toBe(8000); // 10 × 5.00 + 5 × 6.00
    expect(await valuationOf('RUG-F')).toMatchObject({ quantityMilli: 5000, valueMinor: 3000 });
    // a transfer moves the oldest cost without touching the layers
    const moved = await t.client.call('stock.transfer', { sku: 'RUG-F', from: 'MAIN', to: 'FBA-DE', quantity: '2' });
    expect(moved.movements[1]?.valueMinor).toBe(1200);
    const last = await t.client.call('stock.ship', { sku: 'RUG-F', warehouse: 'FBA-DE', quantity: '2' });
    expect(last.movements[0]?.costOfGoodsMinor).toBe(1200);
    await t.client.call('stock.ship', { sku: 'RUG-F', warehouse: 'MAIN', quantity: '3' });
    expect(t.sqlite.prepare('SELECT quantity_milli, value_minor FROM stock_valuation').get()).toEqual({ quantity_milli: 0, value_minor: 0 });
  });

  it('splits thirds exactly and reverses a receipt from its own layer', async () => {
    t.product('TEA');
    await t.client.call('stock.receive', { sku: 'TEA', warehouse: 'MAIN', quantity: '3', totalCost: '10.00' });
    const costs = [];
    for (let i = 0; i < 3; i++) costs.push((await t.client.call('stock.ship', { sku: 'TEA', warehouse: 'MAIN', quantity: '1' })).movements[0]?.costOfGoodsMinor);
    expect(costs).toEqual([333, 334, 333]);

    await t.client.call('stock.receive', { sku: 'TEA', warehouse: 'MAIN', quantity: '5', unitCost: '2.00' });
    const wrong = (await t.client.call('stock.receive', { sku: 'TEA', warehouse: 'MAIN', quantity: '5', unitCost: '20.00' })).movements[0];
    const fixed = await t.client.call('stock.correct', { movementId: wrong?.id ?? 0 });
    expect(fixed.movements[0]?.valueMinor).toBe(-10_000);
    expect(await valuationOf('TEA')).toMatchObject({ quantityMilli: 5000, valueMinor: 1000 });
  });

  it('returns come back as a new layer at the cost of their shipment', async () => {
    t.product('SOAP');
    await t.client.call('stock.receive', { sku: 'SOAP', warehouse: 'MAIN', quantity: '2', unitCost: '1.00' });
    await t.client.call('stock.receive', { sku: 'SOAP', warehouse: 'MAIN', quantity: '2', unitCost: '3.00' });
    const ship = (await t.client.call('stock.ship', { sku: 'SOAP', warehouse: 'MAIN', quantity: '3' })).movements[0];
    expect(ship?.costOfGoodsMinor).toBe(500);
    await t.client.call('stock.return', { shipmentId: ship?.id ?? 0, quantity: '3' });
    expect(await valuationOf('SOAP')).toMatchObject({ quantityMilli: 4000, valueMinor: 800 });
  });
});

describe('refused input writes nothing', () => {
  it('refuses unknown SKUs, zero and negative quantities, same-warehouse transfers, parents, bad units and dates', async () => {
    t.product('RUG-01');
    const parent = t.product('DJELLABA', { kind: 'parent' });
    t.product('DJELLABA-M', { kind: 'variant', parentId: parent });
    await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '5', unitCost: '10.00' });
    const before = stockSnapshot(t.sqlite);

    const cases: [string, Promise<Parameters<typeof issuesOf>[0]>, Partial<{ path: string; key: string; message: string }>][] = [
      ['unknown SKU', t.client.tryCall('stock.receive', { sku: 'RUG-99', warehouse: 'MAIN', quantity: '1', unitCost: '1' }), { path: 'sku', message: 'There is no product with SKU RUG-99.' }],
      ['unknown product id', t.client.tryCall('stock.ship', { productId: 9999, warehouse: 'MAIN', quantity: '1' }), { path: 'productId', key: 'validation.stock.unknownProduct' }],
      ['quantity 0', t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '0', unitCost: '1' }), { path: 'quantity', key: 'validation.stock.quantityPositive' }],
      ['quantity -1 received', t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '-1', unitCost: '1' }), { path: 'quantity', message: 'Enter a quantity of RUG-01 greater than zero; "-1" is not.' }],
      ['quantity -1 shipped', t.client.tryCall('stock.ship', { sku: 'RUG-01', warehouse: 'MAIN', quantity: -1 }), { path: 'quantity', key: 'validation.stock.quantityPositive' }],
      ['adjust by 0', t.client.tryCall('stock.adjust', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '0', reason: 'x' }), { path: 'quantity', key: 'validation.stock.quantityZero' }],
      ['same warehouse', t.client.tryCall('stock.transfer', { sku: 'RUG-01', from: 'MAIN', to: 'main', quantity: '1' }), { path: 'to', message: 'RUG-01 cannot be transferred from MAIN to itself; choose another destination.' }],
      ['parent product', t.client.tryCall('stock.receive', { sku: 'DJELLABA', warehouse: 'MAIN', quantity: '1', unitCost: '1' }), { path: 'sku', key: 'validation.stock.parentProduct' }],
      ['decimals on pieces', t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '1.5', unitCost: '1' }), { path: 'quantity', message: 'RUG-01 is counted in whole pcs; "1.5" has decimals.' }],
      ['unknown warehouse', t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'LYON', quantity: '1', unitCost: '1' }), { path: 'warehouse', message: 'There is no warehouse with code LYON.' }],
      ['negative cost', t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '1', unitCost: '-2.00' }), { path: 'unitCost', key: 'validation.stock.unitCostNegative' }],
      ['cost with too many decimals', t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '1', unitCost: '1.234' }), { path: 'unitCost', key: 'validation.amount.decimals' }],
      ['no cost', t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '1' }), { path: 'unitCost', key: 'validation.stock.costRequired' }],
      ['no reason', t.client.tryCall('stock.adjust', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '1', reason: '  ' }), { path: 'reason', key: 'validation.required' }],
      ['not a date', t.client.tryCall('stock.ship', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '1', occurredAt: '31.03.2025' }), { path: 'occurredAt', key: 'validation.stock.instant' }],
      ['in the future', t.client.tryCall('stock.ship', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '1', occurredAt: '2999-01-01' }), { path: 'occurredAt', key: 'validation.stock.future' }],
      ['backdated', t.client.tryCall('stock.ship', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '1', occurredAt: '2020-01-01' }), { path: 'occurredAt', key: 'validation.stock.backdated' }],
      ['sku and id', t.client.tryCall('stock.ship', { sku: 'RUG-01', productId: 1, warehouse: 'MAIN', quantity: '1' }), { path: 'sku', key: 'validation.stock.productRef' }],
    ];
    for (const [label, call, expected] of cases) {
      const issues = issuesOf(await call);
      expect(issues[0], label).toMatchObject(expected);
    }
    expect(stockSnapshot(t.sqlite)).toEqual(before);
  });

  it('explains a backdated movement and accepts one dated after the latest', async () => {
    t.product('OLD');
    await t.client.call('stock.receive', { sku: 'OLD', warehouse: 'MAIN', quantity: '5', unitCost: '1', occurredAt: '2025-01-10' });
    const issues = issuesOf(await t.client.tryCall('stock.ship', { sku: 'OLD', warehouse: 'MAIN', quantity: '1', occurredAt: '2025-01-05T10:00:00+01:00' }));
    expect(issues[0]?.message).toBe(
      'The movement of OLD is dated 2025-01-05T09:00:00.000Z, before its latest movement (2025-01-10T23:59:59.999Z). A movement slipped in before later ones would change the costs already stored on them; date it 2025-01-10T23:59:59.999Z or later.',
    );
    const ok = await t.client.call('stock.ship', { sku: 'OLD', warehouse: 'MAIN', quantity: '1', occurredAt: '2025-01-11' });
    expect(ok.movements[0]?.occurredAt).toBe('2025-01-11T23:59:59.999Z');
    // "today" as a day means now, not tonight (which would be in the future)
    const today = new Date().toISOString().slice(0, 10);
    const now = await t.client.call('stock.ship', { sku: 'OLD', warehouse: 'MAIN', quantity: '1', occurredAt: today });
    const recorded = now.movements[0]?.occurredAt ?? '';
    expect(recorded.slice(0, 10)).toBe(today);
    expect(recorded <= new Date().toISOString()).toBe(true);
  });

  it('refuses a warehouse that is inactive, and deactivating one that holds stock', async () => {
    t.product('RUG-01');
    const fba = (await t.client.call('warehouses.list', {})).find((w) => w.code === 'FBA-DE');
    await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'FBA-DE', quantity: '1', unitCost: '1' });
    const holds = issuesOf(await t.client.tryCall('warehouses.update', { id: fba?.id ?? 0, active: false }));
    expect(holds[0]?.message).toBe('Warehouse FBA-DE still holds stock of 1 product; transfer or adjust it to zero before deactivating.');
    await t.client.call('stock.transfer', { sku: 'RUG-01', from: 'FBA-DE', to: 'MAIN', quantity: '1' });
    await t.client.call('warehouses.update', { id: fba?.id ?? 0, active: false });
    expect((await t.client.call('warehouses.list', {})).map((w) => w.code)).toEqual(['MAIN']);
    const issues = issuesOf(await t.client.tryCall('stock.transfer', { sku: 'RUG-01', from: 'MAIN', to: 'FBA-DE', quantity: '1' }));
    expect(issues[0]).toMatchObject({ path: 'to', message: 'Warehouse FBA-DE is inactive; reactivate it before moving stock there.' });
  });

  it('refuses stock movements before the company (and its base currency) is set up', async () => {
    t.sqlite.prepare('DELETE FROM company').run();
    t.product('RUG-01');
    const result = await t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '1', unitCost: '1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/company profile first/) as unknown } });
  });
});

describe('levels, reorder rules and history', () => {
  it('shows on hand, reserved, available, reorder rule and low stock, including rules for stock never received', async () => {
    t.product('RUG-01');
    t.product('RUG-02');
    await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '8', unitCost: '10.00' });
    const level = await t.client.call('stock.setReorderRule', { sku: 'RUG-01', warehouse: 'MAIN', reorderPoint: '10', reorderQuantity: '20' });
    expect(level).toMatchObject({ onHandMilli: 8000, reservedMilli: 0, availableMilli: 8000, reorderPointMilli: 10_000, reorderQuantityMilli: 20_000, low: true, valueMinor: 8000 });
    await t.client.call('stock.setReorderRule', { sku: 'RUG-02', warehouse: 'FBA-DE', reorderPoint: '0', reorderQuantity: '5' });
    const low = await t.client.call('stock.lowStock', {});
    expect(low.rows.map((r) => [r.sku, r.warehouseCode, r.onHandMilli])).toEqual([
      ['RUG-01', 'MAIN', 8000],
      ['RUG-02', 'FBA-DE', 0],
    ]);
    expect(low.total).toBe(2);
    await t.client.call('stock.setReorderRule', { sku: 'RUG-02', warehouse: 'FBA-DE', reorderPoint: null });
    const page = await t.client.call('stock.levels', { lowOnly: true, limit: 1 });
    expect(page.total).toBe(1);
    expect((await t.client.call('stock.levels', { offset: 5 })).total).toBe(1);
    const missing = issuesOf(await t.client.tryCall('stock.setReorderRule', { sku: 'RUG-01', warehouse: 'MAIN', reorderPoint: '3' }));
    expect(missing[0]?.path).toBe('reorderQuantity');
  });

  it('lists one product’s movements newest first, per warehouse if asked', async () => {
    t.product('RUG-01');
    await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '8', unitCost: '10.00' });
    await t.client.call('stock.transfer', { sku: 'RUG-01', from: 'MAIN', to: 'FBA-DE', quantity: '3' });
    await t.client.call('stock.ship', { sku: 'RUG-01', warehouse: 'FBA-DE', quantity: '1' });
    const all = await t.client.call('stock.movements', { sku: 'RUG-01' });
    expect(all.total).toBe(4);
    expect(all.rows.map((m) => m.kind)).toEqual(['shipment', 'transfer_in', 'transfer_out', 'receipt']);
    const fba = await t.client.call('stock.movements', { sku: 'RUG-01', warehouse: 'FBA-DE', limit: 1 });
    expect(fba.total).toBe(2);
    expect(fba.rows.map((m) => m.kind)).toEqual(['shipment']);
  });

  it('records locations inside a warehouse', async () => {
    t.product('RUG-01');
    const location = await t.client.call('locations.create', { warehouse: 'MAIN', code: 'a-01-3' });
    expect(location.code).toBe('A-01-3');
    expect(await t.client.call('locations.list', { warehouse: 'MAIN' })).toEqual([location]);
    const { movements } = await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', location: 'A-01-3', quantity: '1', unitCost: '1' });
    expect(movements[0]).toMatchObject({ locationId: location.id, locationCode: 'A-01-3' });
    const wrong = issuesOf(await t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'FBA-DE', location: 'A-01-3', quantity: '1', unitCost: '1' }));
    expect(wrong[0]).toMatchObject({ path: 'location', message: 'Warehouse FBA-DE has no location A-01-3.' });
  });
});
