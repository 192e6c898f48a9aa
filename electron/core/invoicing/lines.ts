import type { Database } from 'better-sqlite3';
import type { Language } from '../../../shared/contract/app.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { BuyerSnapshot } from '../../../shared/invoicing/documents.ts';
import {
  decideTax,
  isTaxClass,
  mentionText,
  type LineTaxOverride,
  type TaxCase,
  type TaxCategory,
  type TaxAnswer,
  type TaxClass,
} from '../../../shared/invoicing/tax.ts';
import { lineNetMinor } from '../../../shared/invoicing/totals.ts';
import { parseAmount } from '../../../shared/money.ts';
import { isUnit, parseQuantity } from '../../../shared/quantity.ts';
import { cached } from '../stock/resolve.ts';
import { euVatIdOf } from './buyers.ts';

/** A line as stored: what was typed, resolved against the catalog, with its tax decided. */
export interface ResolvedLine {
  productId: number | null;
  sku: string | null;
  name: string;
  description: string | null;
  unit: string;
  quantityMilli: number;
  unitPriceMinor: number;
  discountBp: number;
  taxClass: TaxClass;
  supply: 'goods' | 'services';
  taxOverride: LineTaxOverride | null;
  taxCase: TaxCase;
  taxCategory: TaxCategory;
  taxRateBp: number;
  taxMention: string | null;
  netMinor: number;
  creditOfLineId: number | null;
}

/** What a line may say before it is resolved: typed text, or a stored line being re-decided. */
export interface LineDraft {
  sku: string | null;
  name: string | null;
  description: string | null;
  quantity: string | number;
  unitPrice: string | null;
  discount: string | null;
  taxClass: TaxClass | null;
  supply: 'goods' | 'services' | null;
  taxOverride: { category: TaxCategory; rate: string; mention: string | null } | null;
  creditOfLineId: number | null;
}

export interface LineContext {
  sellerCountry: string;
  buyer: BuyerSnapshot;
  currency: string;
  language: Language;
  /** Credit notes: the lines of the invoice credited, by id. */
  creditedLines?: ReadonlyMap<number, ResolvedLine & { id: number }> | undefined;
}

interface ProductRow {
  id: number;
  sku: string;
  kind: string;
  unit: string;
  tax_class: string | null;
  supply: string | null;
}

/** "19", "5,5", "2.1" percent → hundredths of a percent; null when not a percentage. */
export function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number(((m[2] ?? '') + '00').slice(0, 2));
  return bp <= 10000 ? bp : null;
}

/** Resolves every line; answers the lines or every issue found, with paths like `lines.2.sku`. */
export function resolveLines(sqlite: Database, drafts: readonly LineDraft[], ctx: LineContext): { lines: ResolvedLine[]; issues: FieldIssue[] } {
  const lines: ResolvedLine[] = [];
  const issues: FieldIssue[] = [];
  drafts.forEach((draft, index) => {
    const path = `lines.${index}`;
    const flag = (field: string, key: string, message: string, params?: Record<string, string | number>): void => {
      issues.push(params ? { path: `${path}.${field}`, key, message, params } : { path: `${path}.${field}`, key, message });
    };
    const line = resolveLine(sqlite, draft, ctx, flag);
    if (line) lines.push(line);
  });
  return { lines, issues };
}

type IssueFn = (field: string, key: string, message: string, params?: Record<string, string | number>) => void;

function resolveLine(sqlite: Database, draft: LineDraft, ctx: LineContext, flag: IssueFn): ResolvedLine | null {
  const credited = draft.creditOfLineId === null ? undefined : ctx.creditedLines?.get(draft.creditOfLineId);
  if (draft.creditOfLineId !== null && !credited) {
    flag('creditOfLineId', 'invoices.line.notOnInvoice', 'This line is not on the invoice being credited.');
    return null;
  }

  let product: ProductRow | undefined;
  const sku = draft.sku ?? credited?.sku ?? null;
  if (sku !== null) {
    product = cached(
      sqlite,
      `SELECT p.id, p.sku, p.kind, p.unit, t.tax_class, t.supply FROM product p LEFT JOIN product_tax t ON t.product_id = p.id WHERE p.sku = ?`,
    ).get(sku) as ProductRow | undefined;
    if (!product) {
      flag('sku', 'invoices.line.unknownSku', `There is no product with SKU ${sku}.`, { sku });
      return null;
    }
    if (product.kind === 'parent') {
      flag('sku', 'invoices.line.parentProduct', `${product.sku} has variants: choose one of them.`, { sku: product.sku });
      return null;
    }
  }

  const unit = product?.unit ?? credited?.unit ?? 'pcs';
  const quantity = parseQuantity(draft.quantity, isUnit(unit) ? unit : 'pcs');
  if (!quantity.ok || quantity.milli <= 0) {
    flag('quantity', 'invoices.line.quantity', `"${String(draft.quantity)}" is not a quantity above zero in ${unit}.`, { value: String(draft.quantity), unit });
    return null;
  }

  const name = draft.name ?? credited?.name ?? (product ? productName(sqlite, product.id, ctx.language) : null);
  if (!name) {
    flag('name', 'invoices.line.name', 'Name what is sold on this line.');
    return null;
  }

  let unitPriceMinor: number;
  if (draft.unitPrice !== null) {
    const parsed = parseAmount(draft.unitPrice, ctx.currency);
    if (!parsed.ok || parsed.amountMinor < 0) {
      flag('unitPrice', 'invoices.line.unitPrice', `"${draft.unitPrice}" is not a price in ${ctx.currency}.`, { value: draft.unitPrice, currency: ctx.currency });
      return null;
    }
    unitPriceMinor = parsed.amountMinor;
  } else if (credited) {
    unitPriceMinor = credited.unitPriceMinor;
  } else if (product) {
    const listed = listPrice(sqlite, product.id, ctx.currency, quantity.milli);
    if (listed === null) {
      flag('unitPrice', 'invoices.line.noPrice', `${product.sku} has no retail price in ${ctx.currency}: enter the price.`, { sku: product.sku, currency: ctx.currency });
      return null;
    }
    unitPriceMinor = listed;
  } else {
    flag('unitPrice', 'invoices.line.unitPriceRequired', 'Enter the price of this line.');
    return null;
  }

  let discountBp = credited?.discountBp ?? 0;
  if (draft.discount !== null) {
    const bp = parsePercent(draft.discount);
    if (bp === null) {
      flag('discount', 'invoices.line.discount', `"${draft.discount}" is not a percentage between 0 and 100.`, { value: draft.discount });
      return null;
    }
    discountBp = bp;
  }

  const taxClass: TaxClass = draft.taxClass ?? credited?.taxClass ?? (isTaxClass(product?.tax_class) ? product.tax_class : 'standard');
  const supply = draft.supply ?? credited?.supply ?? (product?.supply === 'services' ? 'services' : 'goods');
  const net = lineNetMinor({ quantityMilli: quantity.milli, unitPriceMinor, discountBp });

  if (credited) {
    // A credit note reverses the invoice's own VAT treatment, whatever the rules say today.
    return {
      productId: product?.id ?? credited.productId,
      sku,
      name,
      description: draft.description ?? credited.description,
      unit,
      quantityMilli: quantity.milli,
      unitPriceMinor,
      discountBp,
      taxClass,
      supply,
      taxOverride: credited.taxOverride,
      taxCase: credited.taxCase,
      taxCategory: credited.taxCategory,
      taxRateBp: credited.taxRateBp,
      taxMention: credited.taxMention,
      netMinor: net,
      creditOfLineId: draft.creditOfLineId,
    };
  }

  let override: LineTaxOverride | null = null;
  if (draft.taxOverride) {
    const rateBp = parsePercent(draft.taxOverride.rate);
    if (rateBp === null) {
      flag('taxOverride.rate', 'invoices.line.taxRate', `"${draft.taxOverride.rate}" is not a VAT rate in percent.`, { value: draft.taxOverride.rate });
      return null;
    }
    override = { category: draft.taxOverride.category, rateBp, mention: draft.taxOverride.mention };
  }
  const answer = taxFor(ctx, taxClass, supply, override);
  if (!answer.ok) {
    flag(override ? 'taxOverride' : 'taxClass', answer.issue.key, answer.issue.message, answer.issue.params);
    return null;
  }
  const t = answer.treatment;
  return {
    productId: product?.id ?? null,
    sku,
    name,
    description: draft.description,
    unit,
    quantityMilli: quantity.milli,
    unitPriceMinor,
    discountBp,
    taxClass,
    supply,
    taxOverride: override,
    taxCase: t.case,
    taxCategory: t.category,
    taxRateBp: t.rateBp,
    taxMention: mentionText(t, ctx.language),
    netMinor: net,
    creditOfLineId: null,
  };
}

/** The tax of a line sold by this seller to this buyer. */
export function taxFor(ctx: Pick<LineContext, 'sellerCountry' | 'buyer'>, taxClass: TaxClass, supply: 'goods' | 'services', override: LineTaxOverride | null): TaxAnswer {
  return decideTax({
    seller: { country: ctx.sellerCountry },
    buyer: { country: ctx.buyer.country, vatId: euVatIdOf(ctx.buyer), isBusiness: ctx.buyer.isBusiness },
    taxClass,
    supply,
    override,
  });
}

/** The product's title in the document's language, else in any language, else its SKU. */
function productName(sqlite: Database, productId: number, language: Language): string | null {
  return (
    (cached(
      sqlite,
      `SELECT title FROM product_text WHERE product_id = ? ORDER BY language = ? DESC, language = 'en' DESC, language LIMIT 1`,
    )
      .pluck()
      .get(productId, language) as string | undefined) ??
    (cached(sqlite, 'SELECT sku FROM product WHERE id = ?').pluck().get(productId) as string | undefined) ??
    null
  );
}

/**
 * The retail price in that currency for that quantity: the highest tier it reaches, or the first
 * tier when it reaches none (0.25 kg of a spice priced from 1 kg is sold at the 1 kg price).
 */
function listPrice(sqlite: Database, productId: number, currency: string, quantityMilli: number): number | null {
  const price = cached(
    sqlite,
    `SELECT pp.amount_minor FROM product_price pp JOIN price_list pl ON pl.id = pp.price_list_id
     WHERE pp.product_id = @product AND pl.code = 'RETAIL' AND pp.currency = @currency
     ORDER BY pp.min_quantity_milli <= @quantity DESC,
              CASE WHEN pp.min_quantity_milli <= @quantity THEN -pp.min_quantity_milli ELSE pp.min_quantity_milli END
     LIMIT 1`,
  )
    .pluck()
    .get({ product: productId, currency, quantity: quantityMilli }) as number | undefined;
  return price ?? null;
}
