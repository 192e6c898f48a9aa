import type { CategoryAttribute } from '../../../shared/catalog/category.ts';
import type { AttributeValue, Product, ProductStatus, ProductUpdate } from '../../../shared/catalog/product.ts';
import { convertLength, formatWeight, roundForDisplay } from '../../../shared/catalog/units.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { formatAmount, parseAmount } from '../../../shared/money.ts';
import { formatQuantity, parseQuantity, UNITS, type Unit } from '../../../shared/quantity.ts';
import { minorUnitsOf } from '../../../shared/reference/currencies.ts';

/**
 * The product form as people fill it in: every number is the text typed (weights in kg,
 * dimensions in cm, money as "12.50"), parsed exactly into grams, millimetres, milli-units and
 * minor units only when saving. DOM-free, so tests/renderer check the round trip.
 *
 * Issue paths are the core's (`netWeightG`, `prices.0.tiers.1.amountMinor`, `texts.fr.title`):
 * a problem found here and one the core answers land on the same input.
 */

export interface TierDraft {
  uid: string;
  minQuantity: string;
  amount: string;
}
export interface PriceDraft {
  uid: string;
  priceList: string;
  currency: string;
  tiers: TierDraft[];
}
export interface MoqDraft {
  uid: string;
  priceList: string;
  quantity: string;
}

export interface ProductDraft {
  sku: string;
  status: ProductStatus;
  texts: Record<string, { title: string; description: string }>;
  categoryId: number | null;
  brand: string;
  tags: string[];
  unit: Unit;
  gtin: string;
  hsCode: string;
  originCountry: string | null;
  netWeightKg: string;
  grossWeightKg: string;
  lengthCm: string;
  widthCm: string;
  heightCm: string;
  costAmount: string;
  costCurrency: string;
  prices: PriceDraft[];
  minimumOrders: MoqDraft[];
  attributes: Record<string, string | boolean>;
}

/** The editable fields as products.update takes them. */
export type ProductFieldsInput = Omit<ProductUpdate, 'id' | 'revision'>;

let uidCounter = 0;
export function uid(prefix: string): string {
  uidCounter += 1;
  return `${prefix}${uidCounter}`;
}

/** Grams as kilograms typed ("18000" g → "18"), millimetres as centimetres ("25" mm → "2.5"). */
export function gramsToKgText(grams: number | null): string {
  return grams === null ? '' : formatQuantity(grams);
}
export function mmToCmText(mm: number | null): string {
  return mm === null ? '' : formatQuantity(mm * 100);
}

export type ParsedMeasure = { ok: true; value: number | null } | { ok: false; key: string; params?: Record<string, number> };

/** "12,5" kg → 12500 g; blank → null. Three decimals at most (one gram). */
export function parseKg(text: string): ParsedMeasure {
  if (text.trim() === '') return { ok: true, value: null };
  const parsed = parseQuantity(text, 'kg');
  if (!parsed.ok) return parsed.reason === 'decimals' ? { ok: false, key: 'products.issues.decimals', params: { decimals: 3 } } : { ok: false, key: 'products.issues.number' };
  if (parsed.milli < 0) return { ok: false, key: 'products.issues.negative' };
  return { ok: true, value: parsed.milli };
}

/** "2.5" cm → 25 mm; blank → null. One decimal at most (one millimetre). */
export function parseCm(text: string): ParsedMeasure {
  if (text.trim() === '') return { ok: true, value: null };
  const parsed = parseQuantity(text, 'kg');
  if (!parsed.ok) return parsed.reason === 'decimals' ? { ok: false, key: 'products.issues.decimals', params: { decimals: 1 } } : { ok: false, key: 'products.issues.number' };
  if (parsed.milli % 100 !== 0) return { ok: false, key: 'products.issues.decimals', params: { decimals: 1 } };
  if (parsed.milli < 0) return { ok: false, key: 'products.issues.negative' };
  return { ok: true, value: parsed.milli / 100 };
}

/** The imperial reading of a typed weight or length, for the "show lb/oz/in" toggle; '' if it does not parse. */
export function imperialWeight(kgText: string): string {
  const parsed = parseKg(kgText);
  return parsed.ok && parsed.value !== null ? formatWeight(parsed.value, 'imperial') : '';
}
export function imperialLength(cmText: string): string {
  const parsed = parseCm(cmText);
  return parsed.ok && parsed.value !== null ? `${roundForDisplay(convertLength(parsed.value, 'in'), 2)} in` : '';
}

function attributeText(value: AttributeValue): string | boolean {
  return typeof value === 'boolean' ? value : String(value);
}

export function draftFromProduct(product: Product, languages: readonly string[]): ProductDraft {
  const texts: ProductDraft['texts'] = {};
  for (const language of [...languages, ...Object.keys(product.texts)]) {
    const text = product.texts[language];
    texts[language] = { title: text?.title ?? '', description: text?.description ?? '' };
  }
  return {
    sku: product.sku,
    status: product.status,
    texts,
    categoryId: product.categoryId,
    brand: product.brand ?? '',
    tags: [...product.tags],
    unit: product.unit,
    gtin: product.gtin ?? '',
    hsCode: product.hsCode ?? '',
    originCountry: product.originCountry,
    netWeightKg: gramsToKgText(product.netWeightG),
    grossWeightKg: gramsToKgText(product.grossWeightG),
    lengthCm: mmToCmText(product.lengthMm),
    widthCm: mmToCmText(product.widthMm),
    heightCm: mmToCmText(product.heightMm),
    costAmount: product.costPrice ? formatAmount(product.costPrice.amountMinor, product.costPrice.currency) : '',
    costCurrency: product.costPrice?.currency ?? '',
    prices: product.prices.map((p) => ({
      uid: uid('p'),
      priceList: p.priceList,
      currency: p.currency,
      tiers: p.tiers.map((tier) => ({ uid: uid('t'), minQuantity: formatQuantity(tier.minQuantityMilli), amount: formatAmount(tier.amountMinor, p.currency) })),
    })),
    minimumOrders: product.minimumOrders.map((m) => ({ uid: uid('m'), priceList: m.priceList, quantity: formatQuantity(m.quantityMilli) })),
    attributes: Object.fromEntries(Object.entries(product.attributes).map(([code, value]) => [code, attributeText(value)])),
  };
}

function amountIssue(path: string, text: string, currency: string): { value: number } | FieldIssue {
  if (text.trim() === '') return { path, key: 'validation.required', message: 'Enter an amount.' };
  const parsed = parseAmount(text, currency);
  if (parsed.ok && parsed.amountMinor >= 0) return { value: parsed.amountMinor };
  if (parsed.ok) return { path, key: 'products.issues.negative', message: 'An amount cannot be negative.' };
  if (parsed.reason === 'decimals') {
    return { path, key: 'products.issues.amountDecimals', message: `${currency} has fewer decimals.`, params: { currency, decimals: minorUnitsOf(currency) ?? 2 } };
  }
  if (parsed.reason === 'currency') return { path, key: 'validation.currency', message: 'Choose a currency.' };
  return { path, key: 'products.issues.amount', message: `Enter an amount in ${currency}.`, params: { currency } };
}

function quantityIssue(path: string, text: string, unit: Unit, blank: number | null): { value: number } | FieldIssue {
  if (text.trim() === '') {
    return blank === null ? { path, key: 'validation.required', message: 'Enter a quantity.' } : { value: blank };
  }
  const parsed = parseQuantity(text, unit);
  if (parsed.ok && parsed.milli > 0) return { value: parsed.milli };
  if (parsed.ok) return { path, key: 'products.issues.positive', message: 'Enter a quantity greater than zero.' };
  if (parsed.reason === 'decimals') {
    return { path, key: 'products.issues.decimals', message: 'Too many decimals.', params: { decimals: UNITS[unit].decimals } };
  }
  return { path, key: 'products.issues.number', message: 'Enter a number.' };
}

function isIssue(value: { value: number } | FieldIssue): value is FieldIssue {
  return 'key' in value;
}

/**
 * The draft as products.update/create fields, or the problems found on the way (each at the path
 * the core would name). `attributes` are the category's: values of others are left out, since the
 * core refuses attributes the category does not have.
 */
export function draftToFields(draft: ProductDraft, attributes: readonly CategoryAttribute[]): { fields: ProductFieldsInput; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const measure = (path: string, parsed: ParsedMeasure): number | null => {
    if (parsed.ok) return parsed.value;
    issues.push({ path, key: parsed.key, message: 'Not a valid number.', ...(parsed.params ? { params: parsed.params } : {}) });
    return null;
  };
  const take = (result: { value: number } | FieldIssue): number => {
    if (isIssue(result)) {
      issues.push(result);
      return 0;
    }
    return result.value;
  };

  const texts: NonNullable<ProductFieldsInput['texts']> = {};
  for (const [language, text] of Object.entries(draft.texts)) texts[language] = { title: text.title.trim(), description: text.description.trim() };

  let costPrice: ProductFieldsInput['costPrice'] = null;
  if (draft.costAmount.trim() !== '') {
    if (draft.costCurrency === '') issues.push({ path: 'costPrice.currency', key: 'validation.required', message: 'Choose a currency.' });
    else costPrice = { amountMinor: take(amountIssue('costPrice.amountMinor', draft.costAmount, draft.costCurrency)), currency: draft.costCurrency };
  }

  const prices = draft.prices.map((price, i) => ({
    priceList: price.priceList,
    currency: price.currency,
    tiers: price.tiers.map((tier, j) => ({
      minQuantityMilli: take(quantityIssue(`prices.${i}.tiers.${j}.minQuantityMilli`, tier.minQuantity, draft.unit, 1000)),
      amountMinor: take(amountIssue(`prices.${i}.tiers.${j}.amountMinor`, tier.amount, price.currency)),
    })),
  }));
  const minimumOrders = draft.minimumOrders.map((rule, i) => ({
    priceList: rule.priceList,
    quantityMilli: take(quantityIssue(`minimumOrders.${i}.quantityMilli`, rule.quantity, draft.unit, null)),
  }));

  const attributeValues: Record<string, AttributeValue> = {};
  for (const attribute of attributes) {
    const value = draft.attributes[attribute.code];
    if (value === undefined || value === '') continue;
    if (attribute.type === 'boolean') {
      attributeValues[attribute.code] = value === true || value === 'true';
    } else if (attribute.type === 'number') {
      const number = Number(String(value).trim().replace(',', '.'));
      if (Number.isFinite(number)) attributeValues[attribute.code] = number;
      else issues.push({ path: `attributes.${attribute.code}`, key: 'products.issues.number', message: 'Enter a number.' });
    } else {
      attributeValues[attribute.code] = String(value).trim();
    }
  }

  const fields: ProductFieldsInput = {
    sku: draft.sku.trim(),
    status: draft.status,
    texts,
    categoryId: draft.categoryId,
    brand: draft.brand.trim() === '' ? null : draft.brand.trim(),
    tags: draft.tags,
    unit: draft.unit,
    gtin: draft.gtin.trim() === '' ? null : draft.gtin.trim(),
    hsCode: draft.hsCode.trim() === '' ? null : draft.hsCode.trim(),
    originCountry: draft.originCountry,
    netWeightG: measure('netWeightG', parseKg(draft.netWeightKg)),
    grossWeightG: measure('grossWeightG', parseKg(draft.grossWeightKg)),
    lengthMm: measure('lengthMm', parseCm(draft.lengthCm)),
    widthMm: measure('widthMm', parseCm(draft.widthCm)),
    heightMm: measure('heightMm', parseCm(draft.heightCm)),
    costPrice,
    prices,
    minimumOrders,
    attributes: attributeValues,
  };
  return { fields, issues };
}

/** Only the fields that differ from `baseline`: products.update replaces each field sent as a whole. */
export function changedFields(fields: ProductFieldsInput, baseline: ProductFieldsInput): ProductFieldsInput {
  const out: Record<string, unknown> = {};
  const before: Record<string, unknown> = baseline;
  for (const [key, value] of Object.entries(fields)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) out[key] = value;
  }
  return out;
}
