import { skuPart, SkuSchema, variantSku } from '../../../shared/catalog/product.ts';
import type { RowRecord } from './interpret.ts';

/**
 * Shopify-style files: one product is several rows sharing a handle; the first row carries the
 * product (title, description, vendor …), each row a variant (SKU, price, barcode, option values),
 * and rows with only an image add images. This turns such a group into Kontor's parent row and
 * variant rows (parentSku), or into one simple product when it has no options.
 */
export function groupByHandle(records: RowRecord[]): RowRecord[] {
  if (!records.some((r) => r.handle !== null)) return records;
  const groups = new Map<string, RowRecord[]>();
  const out: RowRecord[] = [];
  for (const record of records) {
    if (record.handle === null) {
      out.push(record);
      continue;
    }
    const group = groups.get(record.handle);
    if (group) group.push(record);
    else {
      const fresh = [record];
      groups.set(record.handle, fresh);
      out.push(record); // placeholder: replaced below, keeps file order
    }
  }
  const replaced = new Map<RowRecord, RowRecord[]>();
  for (const [handle, group] of groups) {
    const first = group[0] as RowRecord;
    for (const r of group) r.options = r.options.map((o, i) => ({ name: o.name || (first.options[i]?.name ?? ''), value: o.value }));
    const variants = group.filter((r) => r.options.some((o) => o.value !== ''));
    const imageRows = group.filter((r) => !r.options.some((o) => o.value !== '') && r !== first && r.sku === null);
    const extraImages = imageRows.flatMap((r) => r.images ?? []);
    if (variants.length === 0) {
      const simple = { ...first, sku: first.sku ?? handleSku(handle), images: [...(first.images ?? []), ...extraImages] };
      replaced.set(first, [simple, ...group.filter((r) => r !== first && !imageRows.includes(r)).map((r) => duplicateHandleRow(r, handle))]);
      continue;
    }
    const parentSku = handleSku(handle);
    const parent: RowRecord = {
      ...first,
      sku: parentSku,
      kind: 'parent',
      parentSku: null,
      options: first.options.map((o) => ({ name: o.name, value: '' })),
      prices: new Map(),
      minimumOrders: new Map(),
      images: [...(first.images ?? []), ...extraImages],
      issues: first.issues.filter((i) => !variantColumnIssue(i.column)),
    };
    for (const key of ['gtin', 'netWeightG', 'grossWeightG', 'costPrice'] as const) delete parent[key];
    const children = variants.map(
      (r): RowRecord => ({
        ...r,
        kind: 'variant',
        parentSku,
        sku: r.sku ?? variantSku(parentSku, r.options.map((o, i) => skuPart(o.value, i))).toUpperCase(),
        texts: {},
        category: null,
        brand: null,
        tags: [],
        images: r === first ? [] : r.images,
        status: undefined,
        issues: r === first ? r.issues.filter((i) => variantColumnIssue(i.column)) : r.issues,
      }),
    );
    for (const child of children) if (child.status === undefined) delete child.status;
    replaced.set(first, [parent, ...children]);
  }
  return out.flatMap((r) => replaced.get(r) ?? (r.handle === null ? [r] : []));
}

/** A second row with the same handle but no options: a mistake in the file, shown as such. */
function duplicateHandleRow(record: RowRecord, handle: string): RowRecord {
  return {
    ...record,
    issues: [
      ...record.issues,
      {
        row: record.row,
        column: 'Handle',
        value: handle,
        key: 'imports.row.handleRepeated',
        message: `The handle ${handle} was already used by an earlier row, and this row has no option values to make it a variant.`,
        params: { handle },
      },
    ],
  };
}

/** Columns Shopify fills per variant; a problem there belongs to the variant, not the product. */
function variantColumnIssue(column: string): boolean {
  return /variant|sku|barcode|price|grams|weight|cost|option/i.test(column);
}

/** "beni-ourain-rug" → "BENI-OURAIN-RUG": a handle is already SKU-shaped apart from its case. */
export function handleSku(handle: string): string {
  const candidate = handle.trim().toUpperCase().replace(/[^A-Z0-9._/+-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return SkuSchema.safeParse(candidate).success ? candidate : skuPart(handle, 0).slice(0, 64);
}
