import type { Database } from 'better-sqlite3';
import { convert, formatRate, RATE_SCALE, type ExchangeRate } from '../../../shared/invoicing/fx.ts';
import type { TaxCase } from '../../../shared/ledger/postingKeys.ts';

/**
 * How an issued document's tax summary reads in the books. The journal, the VAT summary, the
 * sales journal and the dashboard all take a document's amounts from here, so they agree with
 * each other and with the document to the cent.
 */

/** The columns of `document` this module reads. */
export interface SalesDocumentRow {
  id: number;
  currency: string;
  base_currency: string;
  fx_unit: string | null;
  fx_quote: string | null;
  fx_rate_scaled: number | null;
  net_base_minor: number | null;
  tax_base_minor: number | null;
}

export interface SalesTaxGroupAmounts {
  taxCase: TaxCase;
  rateBp: number;
  netMinor: number;
  vatMinor: number;
  netBaseMinor: number;
  vatBaseMinor: number;
}

/**
 * EN 16931 VAT categories (shared/invoicing/tax.ts TaxCategory) to the ledger's three tax cases: standard-rated lines (domestic sales and
 * distance sales below the OSS threshold, both at the seller's rate) are domestic; intra-EU supplies
 * of goods (K) and reverse-charged services (AE) are intra-EU; exports (G, the Moroccan export
 * exemption included) and services supplied outside the EU (O) are exports. Exempt (E) and
 * zero-rated (Z) lines only come from a per-line override: domestic at 0 %, whose revenue account
 * the user maps once (`revenue.domestic.0`).
 */
export function ledgerTaxCase(category: string): TaxCase {
  switch (category) {
    case 'K':
    case 'AE':
      return 'intraEu';
    case 'G':
    case 'O':
      return 'export';
    default:
      return 'domestic';
  }
}

const groupsStatement = new WeakMap<Database, ReturnType<Database['prepare']>>();

function rateOf(doc: SalesDocumentRow): ExchangeRate | null {
  if (doc.fx_rate_scaled === null || doc.fx_unit === null || doc.fx_quote === null) return null;
  return { unit: doc.fx_unit, quote: doc.fx_quote, scaled: doc.fx_rate_scaled };
}

/** Units of the document currency for one unit of the base currency, as the reports print it. */
export function ratePerBase(doc: SalesDocumentRow): string {
  const rate = rateOf(doc);
  if (rate === null) return '1';
  if (rate.unit === doc.base_currency) return formatRate(rate.scaled);
  // Stored the other way round (1 USD = 0.92 EUR): the inverse, to eight decimals.
  return formatRate(Math.round((RATE_SCALE * RATE_SCALE) / rate.scaled));
}

/**
 * Adds `difference` to the largest part so the parts sum to the document's stored total: each
 * group converted on its own can be a cent off the total converted once.
 */
function settle(parts: { value: number; weight: number }[], total: number): void {
  const difference = total - parts.reduce((s, p) => s + p.value, 0);
  if (difference === 0 || parts.length === 0) return;
  let largest = parts[0]!;
  for (const p of parts) if (Math.abs(p.weight) > Math.abs(largest.weight)) largest = p;
  largest.value += difference;
}

/** The document's tax groups in the ledger's terms, with base amounts that add up to the stored totals. */
export function salesTaxGroups(sqlite: Database, doc: SalesDocumentRow): SalesTaxGroupAmounts[] {
  let read = groupsStatement.get(sqlite);
  if (!read) {
    read = sqlite.prepare('SELECT category, rate_bp, base_minor, tax_minor FROM document_tax WHERE document_id = ? ORDER BY rate_bp DESC, category');
    groupsStatement.set(sqlite, read);
  }
  const rows = read.all(doc.id) as { category: string; rate_bp: number; base_minor: number; tax_minor: number }[];
  const byCase = new Map<string, { taxCase: TaxCase; rateBp: number; netMinor: number; vatMinor: number }>();
  for (const r of rows) {
    const taxCase = ledgerTaxCase(r.category);
    const rateBp = taxCase === 'domestic' ? r.rate_bp : 0;
    const key = `${taxCase}|${rateBp}`;
    const g = byCase.get(key) ?? { taxCase, rateBp, netMinor: 0, vatMinor: 0 };
    g.netMinor += r.base_minor;
    g.vatMinor += r.tax_minor;
    byCase.set(key, g);
  }
  const groups = [...byCase.values()];
  const rate = rateOf(doc);
  const toBase = (minor: number) => (rate === null ? minor : convert(minor, doc.currency, doc.base_currency, rate));
  const nets = groups.map((g) => ({ value: toBase(g.netMinor), weight: g.netMinor }));
  const vats = groups.map((g) => ({ value: toBase(g.vatMinor), weight: g.vatMinor }));
  if (rate !== null) {
    settle(nets, doc.net_base_minor ?? nets.reduce((s, p) => s + p.value, 0));
    settle(
      vats.filter((_, i) => groups[i]!.vatMinor !== 0),
      doc.tax_base_minor ?? vats.reduce((s, p) => s + p.value, 0),
    );
  }
  return groups.map((g, i) => ({ ...g, netBaseMinor: nets[i]!.value, vatBaseMinor: vats[i]!.value }));
}
