import { describe, expect, it } from 'vitest';
import type { Movement } from '../../shared/stock/schemas.ts';
import { correctionBlock, correctionRoute, parseCorrectionArg, returnableShipments } from '../../renderer/src/stock/movementChoices.ts';
import { largestRemainder, splitByWarehouse } from '../../renderer/src/stock/valuationSplit.ts';

// The stock screens' logic without the browser: the value split per warehouse (exact, adding up),
// which movements can be corrected or taken back, and the correction route.

describe('stock value per warehouse', () => {
  it('splits a value by quantity in whole minor units that add up to it', () => {
    expect(largestRemainder(1840_00, [11_000, 5_000])).toEqual([1265_00, 575_00]);
    expect(largestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainder(-100, [1, 2])).toEqual([-33, -67]);
    const shares = largestRemainder(999_999_999_99, [333, 333, 334]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(999_999_999_99);
    // Beyond 2^53 in the intermediate product: still exact.
    expect(largestRemainder(9_000_000_000_000, [7_000_000, 2_000_000])).toEqual([7_000_000_000_000, 2_000_000_000_000]);
  });

  it('answers a row per product and warehouse holding stock; no value where quantities net to zero or change sign', () => {
    const rows = splitByWarehouse(
      [
        { productId: 1, sku: 'RUG-1', unit: 'pcs', quantityMilli: 16_000, valueMinor: 1840_00 },
        { productId: 2, sku: 'MIX', unit: 'pcs', quantityMilli: 2_000, valueMinor: 50_00 },
      ],
      [
        { productId: 1, warehouseId: 1, warehouseCode: 'MAIN', onHandMilli: 11_000 },
        { productId: 1, warehouseId: 2, warehouseCode: 'FBA-DE', onHandMilli: 5_000 },
        { productId: 1, warehouseId: 3, warehouseCode: 'EMPTY', onHandMilli: 0 },
        { productId: 2, warehouseId: 1, warehouseCode: 'MAIN', onHandMilli: 3_000 },
        { productId: 2, warehouseId: 2, warehouseCode: 'FBA-DE', onHandMilli: -1_000 },
      ],
    );
    expect(rows.map((r) => [r.sku, r.warehouseCode, r.quantityMilli, r.valueMinor])).toEqual([
      ['RUG-1', 'MAIN', 11_000, 1265_00],
      ['RUG-1', 'FBA-DE', 5_000, 575_00],
      ['MIX', 'MAIN', 3_000, null],
      ['MIX', 'FBA-DE', -1_000, null],
    ]);
  });
});

function movement(overrides: Partial<Movement>): Movement {
  return {
    id: 1,
    kind: 'shipment',
    productId: 1,
    sku: 'RUG-1',
    unit: 'pcs',
    warehouseId: 1,
    warehouseCode: 'MAIN',
    locationId: null,
    locationCode: null,
    quantityMilli: -3000,
    valueMinor: -30000,
    unitCostMinor: 10000,
    costOfGoodsMinor: 30000,
    supplier: null,
    reason: null,
    reference: null,
    transferId: null,
    correctsId: null,
    correctedById: null,
    returnOfId: null,
    stocktakeId: null,
    occurredAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('which movements the forms offer', () => {
  it('corrects neither a corrected movement nor a correction', () => {
    expect(correctionBlock(movement({}))).toBeNull();
    expect(correctionBlock(movement({ correctedById: 9 }))).toBe('alreadyCorrected');
    expect(correctionBlock(movement({ correctsId: 4 }))).toBe('isCorrection');
  });

  it('takes goods back only against shipments that were not reversed', () => {
    const list = [
      movement({ id: 1 }),
      movement({ id: 2, correctedById: 3 }),
      movement({ id: 3, kind: 'shipment', correctsId: 2, quantityMilli: 3000 }),
      movement({ id: 4, kind: 'receipt', quantityMilli: 5000 }),
    ];
    expect(returnableShipments(list).map((m) => m.id)).toEqual([1]);
  });

  it('reads the correction route: a SKU, and a movement after @', () => {
    expect(parseCorrectionArg('RUG-1@42')).toEqual({ sku: 'RUG-1', movementId: 42 });
    expect(parseCorrectionArg('RUG/2+A')).toEqual({ sku: 'RUG/2+A', movementId: null });
    expect(parseCorrectionArg('')).toEqual({ sku: '', movementId: null });
    expect(correctionRoute('RUG/2', 7)).toBe('stock/correct/RUG%2F2@7');
  });
});
