/**
 * Stock value per warehouse. The core values stock per product (one moving average, or one FIFO
 * queue, per product across warehouses), so a warehouse's share of a product's value is that value
 * split by the quantities on hand, exactly in minor units: the shares of a product add up to its
 * value, the remainder going to the largest holdings first (largest-remainder rounding).
 * DOM-free, so tests/renderer check it; the screen is ValuationPanel.tsx.
 */

export interface ProductValue {
  productId: number;
  sku: string;
  unit: string;
  quantityMilli: number;
  valueMinor: number;
}

export interface WarehouseHolding {
  productId: number;
  warehouseId: number;
  warehouseCode: string;
  onHandMilli: number;
}

export interface WarehouseValueRow {
  key: string;
  productId: number;
  sku: string;
  unit: string;
  warehouseCode: string;
  quantityMilli: number;
  /** null when the product's quantities do not allow a split (they net to zero or change sign). */
  valueMinor: number | null;
}

export function splitByWarehouse(values: readonly ProductValue[], holdings: readonly WarehouseHolding[]): WarehouseValueRow[] {
  const byProduct = new Map<number, WarehouseHolding[]>();
  for (const h of holdings) byProduct.set(h.productId, [...(byProduct.get(h.productId) ?? []), h]);
  const rows: WarehouseValueRow[] = [];
  for (const p of values) {
    const held = (byProduct.get(p.productId) ?? []).filter((h) => h.onHandMilli !== 0);
    const total = held.reduce((sum, h) => sum + h.onHandMilli, 0);
    const sameSign = held.every((h) => Math.sign(h.onHandMilli) === Math.sign(total));
    const shares = total !== 0 && sameSign ? largestRemainder(p.valueMinor, held.map((h) => h.onHandMilli)) : null;
    held.forEach((h, i) =>
      rows.push({
        key: `${p.productId}:${h.warehouseId}`,
        productId: p.productId,
        sku: p.sku,
        unit: p.unit,
        warehouseCode: h.warehouseCode,
        quantityMilli: h.onHandMilli,
        valueMinor: shares ? (shares[i] ?? 0) : null,
      }),
    );
  }
  return rows;
}

/** `total` split in proportion to `weights` (all of one sign), in integers that add up to `total`. */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || sum === 0) return weights.map(() => 0);
  // BigInt: value × quantity can pass 2^53 for a large stock valued in minor units.
  const T = BigInt(total);
  const S = BigInt(sum);
  const sign = T < 0n !== S < 0n ? -1n : 1n;
  const absT = T < 0n ? -T : T;
  const absS = S < 0n ? -S : S;
  const parts = weights.map((w, index) => {
    const W = BigInt(w < 0 ? -w : w);
    const product = absT * W;
    return { index, floor: product / absS, remainder: product % absS };
  });
  let left = absT - parts.reduce((a, p) => a + p.floor, 0n);
  const order = [...parts].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  for (const part of order) {
    if (left <= 0n) break;
    part.floor += 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(sign * p.floor));
}
