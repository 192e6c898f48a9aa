import type { Language } from '../../../shared/contract/app.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { formatNumber } from '../format.ts';

/** Milli-units as people read them: "1,250.5" in English, "1 250,5" in French; exact, never through a float. */
export function formatQty(milli: number, language: Language): string {
  return formatNumber(formatQuantity(milli) as `${number}`, language, { maximumFractionDigits: 3 });
}

/** A signed quantity for movements: "+12" in, "−3" out. */
export function formatSignedQty(milli: number, language: Language): string {
  const text = formatQty(Math.abs(milli), language);
  return milli > 0 ? `+${text}` : milli < 0 ? `−${text}` : text;
}

/**
 * Stock issues name the product by `sku` or `productId` (whichever was sent) and the stock service
 * puts "product" issues at that path; a form that sent the SKU shows both at its SKU input.
 */
export function issueAt(issues: ReadonlyMap<string, FieldIssue>, path: string): FieldIssue | undefined {
  if (path === 'sku') return issues.get('sku') ?? issues.get('productId');
  return issues.get(path);
}
