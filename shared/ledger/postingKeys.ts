/**
 * The kinds of posting Kontor makes and the account each one goes to is looked up by key. Revenue
 * and output VAT of domestic sales are keyed per rate, in basis points (19 % = 1900).
 */
export const TAX_CASES = ['domestic', 'intraEu', 'export'] as const;
export type TaxCase = (typeof TAX_CASES)[number];

export const FIXED_POSTING_KEYS = [
  'receivables',
  'bank',
  'cash',
  'fx.gain',
  'fx.loss',
  'bank.fees',
  'inventory',
  'cogs',
  'stock.receipts',
  'stock.adjustments',
  'revenue.intraEu',
  'revenue.export',
] as const;
export type FixedPostingKey = (typeof FIXED_POSTING_KEYS)[number];
export type PostingKey = FixedPostingKey | `revenue.domestic.${number}` | `vat.output.${number}`;

export const POSTING_KEY_PATTERN = /^(receivables|bank|cash|fx\.gain|fx\.loss|bank\.fees|inventory|cogs|stock\.receipts|stock\.adjustments|revenue\.intraEu|revenue\.export|revenue\.domestic\.\d{1,4}|vat\.output\.\d{1,4})$/;

export function revenueKey(taxCase: TaxCase, rateBp: number): PostingKey {
  return taxCase === 'domestic' ? `revenue.domestic.${rateBp}` : taxCase === 'intraEu' ? 'revenue.intraEu' : 'revenue.export';
}

export function vatKey(rateBp: number): PostingKey {
  return `vat.output.${rateBp}`;
}

/** 'domestic:1900', 'intraEu', 'export': stored on journal lines, read by DATEV and the VAT summary. */
export function taxCodeOf(taxCase: TaxCase, rateBp: number): string {
  return taxCase === 'domestic' ? `domestic:${rateBp}` : taxCase;
}

/** 1900 → "19", 550 → "5.5". */
export function formatRateBp(rateBp: number): string {
  return String(rateBp / 100);
}
