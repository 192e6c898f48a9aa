import type { TaxCategory } from './tax.ts';

/**
 * Document totals the EN 16931 way (BR-CO-10…BR-CO-16):
 * - each line's net amount is rounded to the currency's minor unit once;
 * - VAT is computed per (category, rate) on the sum of that group's rounded line nets, and
 *   rounded once per group, never per line;
 * - document totals are sums of those rounded parts, so they always add up on paper.
 * Amounts are integers in the currency's minor unit; quantities in thousandths; rates and
 * discounts in hundredths of a percent. All arithmetic on BigInt, rounding half away from zero.
 */

export interface TotalsLine {
  quantityMilli: number;
  unitPriceMinor: number;
  /** Line discount in hundredths of a percent (1000 = 10 %). */
  discountBp?: number | undefined;
  taxCategory: TaxCategory;
  taxRateBp: number;
}

export interface TaxGroup {
  category: TaxCategory;
  rateBp: number;
  baseMinor: number;
  taxMinor: number;
}

export interface DocumentTotals {
  lineNets: number[];
  taxes: TaxGroup[];
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

/** n / d rounded half away from zero. */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('roundDiv: division by zero');
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return negative ? -q : q;
}

function toSafe(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is too large to hold exactly.`);
  return n;
}

/** quantity × unit price × (1 − discount), rounded once to the minor unit. */
export function lineNetMinor(line: Pick<TotalsLine, 'quantityMilli' | 'unitPriceMinor' | 'discountBp'>): number {
  const discount = BigInt(line.discountBp ?? 0);
  const n = BigInt(line.quantityMilli) * BigInt(line.unitPriceMinor) * (10000n - discount);
  return toSafe(roundDiv(n, 1000n * 10000n), 'A line amount');
}

/** VAT of a group's base at a rate, rounded once. */
export function taxOf(baseMinor: number, rateBp: number): number {
  return toSafe(roundDiv(BigInt(baseMinor) * BigInt(rateBp), 10000n), 'A VAT amount');
}

export function computeTotals(lines: readonly TotalsLine[]): DocumentTotals {
  const lineNets = lines.map(lineNetMinor);
  const groups = new Map<string, TaxGroup>();
  lines.forEach((line, i) => {
    const key = `${line.taxCategory}|${line.taxRateBp}`;
    const group = groups.get(key) ?? { category: line.taxCategory, rateBp: line.taxRateBp, baseMinor: 0, taxMinor: 0 };
    group.baseMinor += lineNets[i] ?? 0;
    groups.set(key, group);
  });
  // Highest rate first, as tax summaries are usually printed; ties by category for a stable order.
  const taxes = [...groups.values()]
    .map((g) => ({ ...g, taxMinor: g.category === 'S' ? taxOf(g.baseMinor, g.rateBp) : 0 }))
    .sort((a, b) => b.rateBp - a.rateBp || a.category.localeCompare(b.category));
  const netMinor = lineNets.reduce((s, n) => s + n, 0);
  const taxMinor = taxes.reduce((s, g) => s + g.taxMinor, 0);
  return { lineNets, taxes, netMinor, taxMinor, grossMinor: netMinor + taxMinor };
}
