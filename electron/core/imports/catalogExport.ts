import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { formatAmount } from '../../../shared/money.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { readStoredByIds, type StoredProduct } from './plan.ts';

export interface ExportSummary {
  products: number;
  columns: number;
}

/**
 * Kontor's own columns, the ones the import recognises without a mapping (profile "kontor"): an
 * export imported again changes nothing. Texts per catalog language, one price column per price
 * list and currency in use (quantity tiers as "12.50; 10=11.00"), options and category attributes.
 */
export function exportColumns(sqlite: Database): { headers: string[]; row: (p: StoredProduct, parentSku: string | null, categoryCode: string | null) => (string | number | null)[] } {
  const languages = (() => {
    const row = sqlite.prepare("SELECT value FROM settings WHERE key = 'catalog.languages'").pluck().get() as string | undefined;
    return row ? ((JSON.parse(row) as { languages: string[] }).languages ?? ['en', 'fr', 'de', 'ar']) : ['en', 'fr', 'de', 'ar'];
  })();
  const pairs = sqlite
    .prepare('SELECT DISTINCT pl.code, pp.currency, pl.id FROM product_price pp JOIN price_list pl ON pl.id = pp.price_list_id ORDER BY pl.id, pp.currency')
    .all() as { code: string; currency: string }[];
  const moqLists = sqlite.prepare('SELECT DISTINCT pl.code, pl.id FROM product_order_rule r JOIN price_list pl ON pl.id = r.price_list_id ORDER BY pl.id').pluck().all() as string[];
  const attributeCodes = sqlite.prepare("SELECT DISTINCT j.key FROM product p, json_each(p.attributes) j ORDER BY j.key").pluck().all() as string[];
  const headers = [
    'sku', 'kind', 'parent_sku', 'status',
    ...languages.flatMap((l) => [`title_${l}`, `description_${l}`]),
    'category', 'brand', 'tags', 'unit', 'gtin', 'hs_code', 'origin_country',
    'net_weight_g', 'gross_weight_g', 'length_mm', 'width_mm', 'height_mm', 'cost_price', 'cost_currency',
    ...pairs.map((p) => `price_${p.code.toUpperCase()}_${p.currency}`),
    ...moqLists.map((code) => `moq_${code.toUpperCase()}`),
    'option1_name', 'option1_value', 'option2_name', 'option2_value', 'option3_name', 'option3_value',
    ...attributeCodes.map((c) => `attr_${c}`),
  ];
  const row = (p: StoredProduct, parentSku: string | null, categoryCode: string | null): (string | number | null)[] => {
    const f = p.fields;
    const optionCells: (string | null)[] = [];
    const names = p.kind === 'parent' ? p.options.map((o) => o.name) : Object.keys(p.optionValues ?? {});
    for (let i = 0; i < 3; i++) {
      const name = names[i] ?? null;
      optionCells.push(name, name !== null && p.optionValues ? (p.optionValues[name] ?? null) : null);
    }
    return [
      f.sku, p.kind, parentSku, f.status,
      ...languages.flatMap((l) => [f.texts[l]?.title ?? null, f.texts[l]?.description ?? null]),
      categoryCode, f.brand, f.tags.length > 0 ? f.tags.join(', ') : null, f.unit, f.gtin, f.hsCode, f.originCountry,
      f.netWeightG, f.grossWeightG, f.lengthMm, f.widthMm, f.heightMm,
      f.costPrice ? formatAmount(f.costPrice.amountMinor, f.costPrice.currency) : null, f.costPrice?.currency ?? null,
      ...pairs.map((pair) => {
        const price = f.prices.find((x) => x.priceList.toUpperCase() === pair.code.toUpperCase() && x.currency === pair.currency);
        if (!price) return null;
        return price.tiers
          .map((t, i) => (i === 0 && t.minQuantityMilli === 1000 ? formatAmount(t.amountMinor, price.currency) : `${formatQuantity(t.minQuantityMilli)}=${formatAmount(t.amountMinor, price.currency)}`))
          .join('; ');
      }),
      ...moqLists.map((code) => {
        const m = f.minimumOrders.find((x) => x.priceList.toUpperCase() === code.toUpperCase());
        return m ? formatQuantity(m.quantityMilli) : null;
      }),
      ...optionCells,
      ...attributeCodes.map((c) => {
        const v = f.attributes[c];
        return v === undefined ? null : typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
      }),
    ];
  };
  return { headers, row };
}

/** Every product, parents followed by their variants, in batches read from the database. */
function* productsInOrder(sqlite: Database): Generator<{ product: StoredProduct; parentSku: string | null; categoryCode: string | null }> {
  const ids = sqlite
    .prepare(`SELECT p.id FROM product p LEFT JOIN product parent ON parent.id = p.parent_id
      ORDER BY coalesce(parent.sku, p.sku) COLLATE NOCASE, p.parent_id IS NOT NULL, p.id`)
    .pluck()
    .all() as number[];
  const skuOf = sqlite.prepare('SELECT sku FROM product WHERE id = ?').pluck();
  const codes = new Map((sqlite.prepare('SELECT id, code FROM category').all() as { id: number; code: string }[]).map((c) => [c.id, c.code]));
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    const stored = readStoredByIds(sqlite, chunk);
    for (const id of chunk) {
      const product = stored.get(id);
      if (!product) continue;
      const parentSku = product.parentId === null ? null : (skuOf.get(product.parentId) as string);
      yield { product, parentSku, categoryCode: product.fields.categoryId === null ? null : (codes.get(product.fields.categoryId) ?? null) };
    }
  }
}

export async function exportCatalog(sqlite: Database, path: string, format: 'xlsx' | 'csv'): Promise<ExportSummary> {
  mkdirSync(dirname(path), { recursive: true });
  const { headers, row } = exportColumns(sqlite);
  let products = 0;
  if (format === 'xlsx') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Products', { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(headers);
    header.font = { bold: true };
    header.commit();
    for (const p of productsInOrder(sqlite)) {
      // Text cells throughout: a GTIN or an HS code must not turn into a number and lose its zeros.
      sheet.addRow(row(p.product, p.parentSku, p.categoryCode).map((v) => (v === null ? null : String(v)))).commit();
      products++;
    }
    await workbook.commit();
  } else {
    const out = createWriteStream(path);
    // A BOM, so that Excel opens the UTF-8 text as UTF-8 rather than as Windows-1252.
    out.write('\uFEFF' + csvLine(headers));
    for (const p of productsInOrder(sqlite)) {
      if (!out.write(csvLine(row(p.product, p.parentSku, p.categoryCode)))) await once(out, 'drain');
      products++;
    }
    out.end();
    await once(out, 'finish');
  }
  return { products, columns: headers.length };
}

function csvLine(values: readonly (string | number | null)[]): string {
  return (
    values
      .map((v) => {
        const s = v === null ? '' : String(v);
        return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
      })
      .join(',') + '\r\n'
  );
}
