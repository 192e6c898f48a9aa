import { CountryCodeSchema } from '../../../shared/company/profile.ts';
import {
  DESCRIPTION_MAX_LENGTH,
  MAX_AMOUNT_MINOR,
  SkuSchema,
  TITLE_MAX_LENGTH,
  type ProductKind,
  type ProductStatus,
} from '../../../shared/catalog/product.ts';
import { toGrams, toMillimetres } from '../../../shared/catalog/units.ts';
import type { ImportIssue } from '../../../shared/imports/result.ts';
import { parseTarget, type Mapping, type Target } from '../../../shared/imports/targets.ts';
import { parseAmount } from '../../../shared/money.ts';
import { isUnit, parseQuantity, type Unit } from '../../../shared/quantity.ts';
import { isCurrencyCode } from '../../../shared/reference/currencies.ts';
import { checkGtin } from '../../../shared/validation/gtin.ts';
import { checkHsCode } from '../../../shared/validation/hsCode.ts';
import { cellText, type RawCell, type SheetRow } from './read/types.ts';

/** A price cell: tiers from a quantity (milli-units) up. */
export interface ImportedPrice {
  priceList: string;
  currency: string;
  tiers: { minQuantityMilli: number; amountMinor: number }[];
}

/**
 * One row of the file, read into Kontor's terms. A field is present (not undefined) exactly when
 * its column is mapped: a mapped column is the truth for that field, an empty cell clears it.
 */
export interface RowRecord {
  row: number;
  cells: RawCell[];
  sku: string | null;
  parentSku: string | null;
  handle: string | null;
  kind: ProductKind | null;
  options: { name: string; value: string }[];
  status?: ProductStatus;
  texts: Record<string, { title?: string; description?: string }>;
  category?: string | null;
  brand?: string | null;
  tags?: string[];
  unit?: Unit;
  gtin?: string | null;
  hsCode?: string | null;
  originCountry?: string | null;
  netWeightG?: number | null;
  grossWeightG?: number | null;
  lengthMm?: number | null;
  widthMm?: number | null;
  heightMm?: number | null;
  costPrice?: { amountMinor: number; currency: string } | null;
  /** Present prices by "LIST/CUR"; null tiers: the cell was empty (the price is removed). */
  prices: Map<string, ImportedPrice | null>;
  minimumOrders: Map<string, number | null>;
  attributes: Record<string, string | null>;
  images?: string[];
  issues: ImportIssue[];
}

interface MappedColumn {
  index: number;
  header: string;
  target: Target;
}

export interface InterpretContext {
  mapping: Mapping;
}

const STATUS_WORDS: Record<string, ProductStatus> = {
  active: 'active', actif: 'active', active_: 'active', aktiv: 'active', 'نشط': 'active', published: 'active', publish: 'active', '1': 'active', yes: 'active', true: 'active', oui: 'active', ja: 'active',
  draft: 'draft', brouillon: 'draft', entwurf: 'draft', 'مسودة': 'draft', '0': 'draft', '-1': 'draft', private: 'draft', no: 'draft', false: 'draft', non: 'draft', nein: 'draft', inactive: 'draft', inactif: 'draft', inaktiv: 'draft',
  archived: 'archived', archive: 'archived', 'archivé': 'archived', archiviert: 'archived', 'مؤرشف': 'archived',
};
const KIND_WORDS: Record<string, ProductKind> = { simple: 'simple', parent: 'parent', variable: 'parent', variant: 'variant', variation: 'variant' };
const UNIT_WORDS: Record<string, Unit> = {
  pc: 'pcs', piece: 'pcs', pieces: 'pcs', pièce: 'pcs', pièces: 'pcs', stück: 'pcs', stk: 'pcs', 'قطعة': 'pcs', unit: 'pcs', each: 'pcs', ea: 'pcs',
  paire: 'pair', paar: 'pair', kilo: 'kg', litre: 'l', liter: 'l', metre: 'm', meter: 'm', 'm²': 'm2', sqm: 'm2', lot: 'set', satz: 'set', carton: 'box', karton: 'box',
};

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The mapped columns, validated once per file rather than once per row. */
export function mappedColumns(mapping: Mapping): MappedColumn[] {
  const out: MappedColumn[] = [];
  mapping.columns.forEach((c, index) => {
    if (c.target === null) return;
    const target = parseTarget(c.target);
    if (target) out.push({ index, header: c.header, target });
  });
  return out;
}

/** Reads one row. Never throws: every problem becomes an issue naming the row, column and value. */
export function interpretRow(row: SheetRow, columns: readonly MappedColumn[], mapping: Mapping): RowRecord {
  const record: RowRecord = {
    row: row.rowNumber,
    cells: row.cells,
    sku: null,
    parentSku: null,
    handle: null,
    kind: null,
    options: [],
    texts: {},
    prices: new Map(),
    minimumOrders: new Map(),
    attributes: {},
    issues: [],
  };
  const optionNames: (string | undefined)[] = [];
  const optionValues: (string | undefined)[] = [];
  // The unit decides how many decimals a minimum order may have; read it first.
  const unitColumn = columns.find((c) => c.target.kind === 'simple' && c.target.field === 'unit');
  let unit: Unit = 'pcs';
  if (unitColumn) {
    const text = cellText(row.cells[unitColumn.index]).trim();
    const parsed = parseUnit(text);
    if (text === '') record.unit = 'pcs';
    else if (parsed) record.unit = unit = parsed;
    else issue(record, unitColumn, text, 'imports.cell.unit', `"${text}" is not a unit Kontor knows; use pcs, set, pair, box, kg, g, l, ml, m or m2.`);
  }

  const costCurrencyColumn = columns.find((c) => c.target.kind === 'simple' && c.target.field === 'costCurrency');
  const costCurrencyText = costCurrencyColumn ? cellText(row.cells[costCurrencyColumn.index]).trim().toUpperCase() : '';
  const costCurrency = costCurrencyText !== '' && isCurrencyCode(costCurrencyText) ? costCurrencyText : undefined;

  for (const column of columns) {
    const cell = row.cells[column.index];
    if (typeof cell === 'object' && 'error' in cell) {
      const formula = cell.error.startsWith('=');
      issue(
        record,
        column,
        cell.error,
        formula ? 'imports.cell.formulaNoValue' : 'imports.cell.errorValue',
        formula
          ? `The formula ${cell.error} has no computed value in the file; open the file in Excel, let it calculate, and save it again.`
          : `The cell holds the spreadsheet error ${cell.error} instead of a value.`,
      );
      continue;
    }
    const isDate = typeof cell === 'object' && 'date' in cell;
    const text = cellText(cell).trim();
    // NUL and other control characters are binary debris, not text; SQLite's length() even stops at a NUL.
    if (CONTROL.test(text)) {
      issue(record, column, text.replace(CONTROL_ALL, '�'), 'imports.cell.control', 'The cell holds control characters (binary data, or a file read in the wrong encoding).');
      continue;
    }
    const t = column.target;
    if (isDate && t.kind !== 'text' && !(t.kind === 'simple' && ['brand', 'tags', 'category'].includes(t.field)) && t.kind !== 'attribute') {
      issue(record, column, text, 'imports.cell.date', `The cell holds a date (${text}) where ${expectedOf(t)} was expected; format the column as text or number in Excel.`, {
        expected: expectedOf(t),
      });
      continue;
    }
    switch (t.kind) {
      case 'text': {
        const max = t.field === 'title' ? TITLE_MAX_LENGTH : DESCRIPTION_MAX_LENGTH;
        const value = cellText(cell).trim();
        if (value.length > max) {
          issue(record, column, `${value.slice(0, 40)}…`, 'imports.cell.tooLong', `The ${t.field} has ${value.length} characters; at most ${max} fit.`, { max, actual: value.length });
          break;
        }
        const entry = (record.texts[t.language] ??= {});
        entry[t.field] = value;
        break;
      }
      case 'price': {
        const currency = t.currency ?? mapping.options.defaultCurrency;
        const key = `${t.priceList}/${currency}`;
        if (text === '') {
          if (!record.prices.has(key)) record.prices.set(key, null);
          break;
        }
        const tiers = parseTiers(text, currency, unit);
        if (typeof tiers === 'string') issue(record, column, text, tiers === 'negative' ? 'imports.cell.negative' : 'imports.cell.price', priceMessage(tiers, text, currency), { currency });
        else record.prices.set(key, { priceList: t.priceList, currency, tiers });
        break;
      }
      case 'moq': {
        if (text === '') {
          record.minimumOrders.set(t.priceList, null);
          break;
        }
        const q = parseQuantity(text, unit);
        if (!q.ok || q.milli <= 0) issue(record, column, text, 'imports.cell.quantity', `"${text}" is not a quantity above zero in ${unit}.`, { unit });
        else record.minimumOrders.set(t.priceList, q.milli);
        break;
      }
      case 'weight':
      case 'length': {
        const field: 'netWeightG' | 'grossWeightG' | 'lengthMm' | 'widthMm' | 'heightMm' = t.kind === 'weight' ? (t.field === 'netWeight' ? 'netWeightG' : 'grossWeightG') : `${t.field}Mm`;
        if (text === '') {
          record[field] = null;
          break;
        }
        const q = parseQuantity(text.replace(/\s*(kg|g|lbs?|oz|mm|cm|m|in|ft)$/i, ''), 'kg');
        if (!q.ok || q.milli < 0) {
          issue(record, column, text, q.ok ? 'imports.cell.negative' : 'imports.cell.number', `"${text}" is not a ${t.kind === 'weight' ? 'weight' : 'length'} in ${t.unit} (a number of at least 0, up to 3 decimals).`, { unit: t.unit });
          break;
        }
        const value = q.milli / 1000;
        record[field] = t.kind === 'weight' ? toGrams(value, t.unit) : toMillimetres(value, t.unit);
        break;
      }
      case 'attribute':
        record.attributes[t.code] = text === '' ? null : text;
        break;
      case 'simple':
        readSimple(record, column, t.field, text, mapping, optionNames, optionValues, costCurrency);
        break;
    }
  }
  for (let i = 0; i < 3; i++) {
    const name = optionNames[i];
    const value = optionValues[i];
    // Shopify writes a product without options as Option1 Name "Title", Option1 Value "Default Title".
    if (name === 'Title' && value === 'Default Title') continue;
    // A value without a name is kept with an empty name: Shopify names options on a product's first row only.
    if (value) record.options.push({ name: name ?? '', value });
    else if (name && record.parentSku !== null) {
      const column = columns.find((c) => c.target.kind === 'simple' && c.target.field === `option${i + 1}Value`);
      if (column) issue(record, column, '', 'imports.cell.optionValue', `The option ${name} has no value in this row.`, { option: name });
    } else if (name) record.options.push({ name, value: '' });
  }
  return record;
}

function readSimple(
  record: RowRecord,
  column: MappedColumn,
  field: string,
  text: string,
  mapping: Mapping,
  optionNames: (string | undefined)[],
  optionValues: (string | undefined)[],
  costCurrency: string | undefined,
): void {
  switch (field) {
    case 'sku':
    case 'parentSku': {
      if (text === '') return;
      if (field === 'parentSku' && /^id:/i.test(text)) {
        issue(record, column, text, 'imports.cell.parentById', `The parent is named by a WooCommerce id (${text}); Kontor links variants by the parent's SKU. Export from WooCommerce with SKUs as parents.`);
        return;
      }
      const parsed = SkuSchema.safeParse(text);
      if (!parsed.success) {
        issue(record, column, text, 'validation.sku.format', 'A SKU may contain letters A–Z, digits and . _ - / + only, starts with a letter or digit, and has at most 64 characters (no spaces).');
        return;
      }
      record[field] = parsed.data;
      return;
    }
    case 'handle':
      if (text !== '') record.handle = text;
      return;
    case 'kind': {
      if (text === '') return;
      const kind = KIND_WORDS[text.toLowerCase().split(/\s*,\s*/)[0] ?? ''];
      if (kind) record.kind = kind;
      else issue(record, column, text, 'imports.cell.kind', `"${text}" is not a kind of product; use simple, parent or variant (WooCommerce: simple, variable, variation).`);
      return;
    }
    case 'status': {
      if (text === '') return;
      const status = STATUS_WORDS[text.toLowerCase()];
      if (status) record.status = status;
      else issue(record, column, text, 'imports.cell.status', `"${text}" is not a status; use draft, active or archived.`);
      return;
    }
    case 'category':
      record.category = text === '' ? null : text;
      return;
    case 'brand':
      if (text.length > 120) issue(record, column, text, 'imports.cell.tooLong', `The brand has ${text.length} characters; at most 120 fit.`, { max: 120, actual: text.length });
      else record.brand = text === '' ? null : text;
      return;
    case 'tags': {
      const tags = text === '' ? [] : text.split(/\s*[,;|]\s*/).map((t) => t.trim()).filter((t) => t !== '');
      const seen = new Set<string>();
      record.tags = tags.filter((t) => {
        const k = t.toLowerCase();
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      const long = record.tags.find((t) => t.length > 50);
      if (long) issue(record, column, long, 'imports.cell.tooLong', `The tag "${long}" has ${long.length} characters; at most 50 fit.`, { max: 50, actual: long.length });
      else if (record.tags.length > 30) issue(record, column, text, 'imports.cell.tooManyTags', `${record.tags.length} tags; a product has at most 30.`, { max: 30 });
      return;
    }
    case 'unit':
      return; // read before the other columns
    case 'gtin': {
      if (text === '') {
        record.gtin = null;
        return;
      }
      const check = checkGtin(text);
      if (check.ok) record.gtin = check.normalized;
      else issue(record, column, text, check.key, check.message, check.params);
      return;
    }
    case 'hsCode': {
      if (text === '') {
        record.hsCode = null;
        return;
      }
      const check = checkHsCode(text);
      if (check.ok) record.hsCode = check.normalized;
      else issue(record, column, text, check.key, check.message, check.params);
      return;
    }
    case 'originCountry': {
      if (text === '') {
        record.originCountry = null;
        return;
      }
      const parsed = CountryCodeSchema.safeParse(text);
      if (parsed.success) record.originCountry = parsed.data;
      else issue(record, column, text, 'validation.country', `"${text}" is not an ISO 3166 country code (two letters, e.g. MA, DE, FR).`);
      return;
    }
    case 'costCurrency':
      if (text !== '' && !isCurrencyCode(text.toUpperCase())) issue(record, column, text, 'validation.currency', `"${text}" is not an ISO 4217 currency code (EUR, MAD, USD…).`);
      return;
    case 'costPrice': {
      if (text === '') {
        record.costPrice = null;
        return;
      }
      const currency = costCurrency ?? mapping.options.defaultCurrency;
      const parsed = parseAmount(text, currency);
      if (!parsed.ok) issue(record, column, text, 'imports.cell.price', priceMessage(parsed.reason, text, currency), { currency });
      else if (parsed.amountMinor < 0) issue(record, column, text, 'imports.cell.negative', `The cost ${text} is negative; a cost is 0 or more.`);
      else if (parsed.amountMinor > MAX_AMOUNT_MINOR) issue(record, column, text, 'imports.cell.price', priceMessage('range', text, currency), { currency });
      else record.costPrice = { amountMinor: parsed.amountMinor, currency };
      return;
    }
    case 'images':
      record.images = text === '' ? [] : text.split(/\s*[|,\n]\s*|\s+(?=https?:\/\/)/).map((s) => s.trim()).filter((s) => s !== '');
      return;
    default: {
      const option = /^option([123])(Name|Value)$/.exec(field);
      if (!option) return;
      const i = Number(option[1]) - 1;
      if (option[2] === 'Name') optionNames[i] = text === '' ? undefined : text;
      else optionValues[i] = text === '' ? undefined : text;
    }
  }
}

function parseUnit(text: string): Unit | null {
  const lower = text.toLowerCase();
  if (isUnit(lower)) return lower;
  return UNIT_WORDS[lower] ?? null;
}

const CURRENCY_LETTERS = /[A-Za-z€$£]/;
const CURRENCY_LETTERS_ALL = /[A-Za-z€$£]/g;

type TierProblem = 'format' | 'decimals' | 'currency' | 'range' | 'negative' | 'tierQuantity';

/**
 * "12,50" or "12.50; 10=11.00; 50=9.80": the first amount from one unit, then "from = price".
 * Amounts go through the shared money parser, so "1.234,50" and "1,234.50" both read right.
 */
export function parseTiers(text: string, currency: string, unit: Unit): { minQuantityMilli: number; amountMinor: number }[] | TierProblem {
  // Nearly every price cell is one plain amount: no split, no tiers, no currency letters to strip.
  if (!text.includes(';') && !text.includes('=') && !CURRENCY_LETTERS.test(text)) {
    const amount = parseAmount(text, currency);
    if (!amount.ok) return amount.reason;
    if (amount.amountMinor < 0) return 'negative';
    if (amount.amountMinor > MAX_AMOUNT_MINOR) return 'range';
    return [{ minQuantityMilli: 1000, amountMinor: amount.amountMinor }];
  }
  const tiers: { minQuantityMilli: number; amountMinor: number }[] = [];
  for (const part of text.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    let from = 1000;
    let amountText = part;
    if (eq >= 0) {
      const q = parseQuantity(part.slice(0, eq), unit);
      if (!q.ok || q.milli <= 0) return 'tierQuantity';
      from = q.milli;
      amountText = part.slice(eq + 1);
    }
    const amount = parseAmount(amountText.replace(CURRENCY_LETTERS_ALL, ''), currency);
    if (!amount.ok) return amount.reason;
    if (amount.amountMinor < 0) return 'negative';
    if (amount.amountMinor > MAX_AMOUNT_MINOR) return 'range';
    tiers.push({ minQuantityMilli: from, amountMinor: amount.amountMinor });
  }
  if (tiers.length === 0) return 'format';
  return tiers.sort((a, b) => a.minQuantityMilli - b.minQuantityMilli);
}

function priceMessage(problem: TierProblem, text: string, currency: string): string {
  switch (problem) {
    case 'decimals':
      return `${text} has more decimals than ${currency} allows.`;
    case 'currency':
      return `${currency} is not a currency Kontor knows.`;
    case 'range':
      return `${text} is too large for a price.`;
    case 'negative':
      return `The price ${text} is negative; prices are 0 or more.`;
    case 'tierQuantity':
      return `"${text}" has a quantity tier that is not a number above zero; write tiers as "12.50; 10=11.00" (from 10 units, 11.00 each).`;
    default:
      return `"${text}" is not an amount in ${currency}; write it as 12.50 or 12,50 (tiers: "12.50; 10=11.00").`;
  }
}

function expectedOf(t: Target): string {
  switch (t.kind) {
    case 'price':
      return 'a price';
    case 'moq':
      return 'a quantity';
    case 'weight':
      return `a weight in ${t.unit}`;
    case 'length':
      return `a length in ${t.unit}`;
    default:
      return t.kind === 'simple' ? `a ${t.field}` : 'text';
  }
}

function issue(record: RowRecord, column: MappedColumn, value: string, key: string, message: string, params?: Record<string, string | number>): void {
  record.issues.push({ row: record.row, column: column.header, value, key, message, ...(params ? { params: { ...params, value } } : { params: { value } }) });
}
