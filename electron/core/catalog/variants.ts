import { sql } from 'kysely';
import { SKU_MAX_LENGTH, skuPart, variantSku, type Product } from '../../../shared/catalog/product.ts';
import { ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { nowIso, notFound, staleRevision, writeTransaction, type Db } from './db.ts';
import { priceListsByCode, readPrices, writePrices } from './prices.ts';
import { getProduct } from './products.ts';
import { reindexProducts } from './search.ts';

export interface OptionData {
  name: string;
  values: string[];
}

/** Every combination of one value per option, first option varying slowest (S-Indigo, S-Saffron, M-…). */
export function cartesian(options: readonly OptionData[]): string[][] {
  return options.reduce<string[][]>((combos, option) => combos.flatMap((combo) => option.values.map((value) => [...combo, value])), [[]]);
}

const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Sets a product's options and creates a variant for each combination that has none yet. A
 * variant starts as a copy of its parent's trade data, status, cost, prices and minimum orders,
 * with its own SKU (`PARENT-VALUE1-VALUE2`) and no GTIN; it shows its parent's texts until given
 * its own. Once variants exist the options keep their names and order, and a value can only be
 * dropped while no variant uses it: new values and new combinations are always fine.
 */
export async function generateVariants(
  db: Db,
  input: { productId: number; revision: number; options: OptionData[] },
): Promise<{ product: Product; created: number; skipped: number }> {
  const outcome = await writeTransaction(db, async (trx) => {
    const parent = await trx.selectFrom('product').selectAll().where('id', '=', input.productId).executeTakeFirst();
    if (!parent) throw notFound('product', input.productId);
    if (parent.revision !== input.revision) throw staleRevision(parent.sku, parent.id, parent.revision, input.revision);
    if (parent.kind === 'variant') {
      throw new ValidationError([
        {
          path: 'productId',
          key: 'catalog.variants.ofVariant',
          message: `${parent.sku} is itself a variant; give the options to its parent instead.`,
          params: { sku: parent.sku },
        },
      ]);
    }
    const existing = await trx
      .selectFrom('product')
      .select(['id', 'sku', 'option_values'])
      .where('parent_id', '=', parent.id)
      .execute();
    const existingValues = existing.map((v) => ({ sku: v.sku, values: JSON.parse(v.option_values ?? '{}') as Record<string, string> }));
    const issues = optionChangeIssues(input.options, await storedOptions(trx, parent.id), existingValues);
    if (issues.length > 0) throw new ValidationError(issues);

    const combos = cartesian(input.options);
    const taken = new Set(
      existingValues.map((v) => input.options.map((o) => (v.values[o.name] ?? '').toLowerCase()).join('\u0000')),
    );
    const fresh = combos.filter((combo) => !taken.has(combo.map((v) => v.toLowerCase()).join('\u0000')));
    const planned = fresh.map((combo) => ({
      combo,
      sku: variantSku(
        parent.sku,
        combo.map((value, i) => skuPart(value, input.options[i]?.values.indexOf(value) ?? 0)),
      ).toUpperCase(),
    }));
    throwIfSkuProblems(planned, parent.sku);
    await throwIfSkusTaken(trx, planned);

    const now = nowIso();
    await trx.deleteFrom('product_option').where('product_id', '=', parent.id).execute();
    await trx
      .insertInto('product_option')
      .values(input.options.map((o, position) => ({ product_id: parent.id, position, name: o.name, values: JSON.stringify(o.values) })))
      .execute();
    await trx
      .updateTable('product')
      .set((eb) => ({ kind: 'parent', updated_at: now, revision: eb('revision', '+', 1) }))
      .where('id', '=', parent.id)
      .execute();

    const parentPrices = (await readPrices(trx, [parent.id])).get(parent.id) ?? { prices: [], minimumOrders: [] };
    const lists = await priceListsByCode(trx);
    const createdIds: number[] = [];
    // 23 columns a row; 500 rows stay well under SQLite's 32766 parameters.
    for (let i = 0; i < planned.length; i += 500) {
      const rows = planned.slice(i, i + 500).map(({ combo, sku }) => ({
        sku,
        kind: 'variant',
        parent_id: parent.id,
        status: parent.status,
        category_id: parent.category_id,
        brand: parent.brand,
        unit: parent.unit,
        gtin: null,
        hs_code: parent.hs_code,
        origin_country: parent.origin_country,
        net_weight_g: parent.net_weight_g,
        gross_weight_g: parent.gross_weight_g,
        length_mm: parent.length_mm,
        width_mm: parent.width_mm,
        height_mm: parent.height_mm,
        cost_price_minor: parent.cost_price_minor,
        cost_currency: parent.cost_currency,
        attributes: parent.attributes,
        option_values: JSON.stringify(Object.fromEntries(input.options.map((o, j) => [o.name, combo[j] ?? '']))),
        created_at: now,
        updated_at: now,
      }));
      const inserted = await trx.insertInto('product').values(rows).returning('id').execute();
      createdIds.push(...inserted.map((r) => r.id));
    }
    for (const id of createdIds) await writePrices(trx, id, parentPrices, lists);
    await reindexProducts(trx, [parent.id]);
    return { created: createdIds.length, skipped: combos.length - fresh.length };
  });
  return { product: await getProduct(db, input.productId), ...outcome };
}

async function storedOptions(db: Db, productId: number): Promise<OptionData[]> {
  const rows = await db.selectFrom('product_option').select(['name', 'values']).where('product_id', '=', productId).orderBy('position').execute();
  return rows.map((r) => ({ name: r.name, values: JSON.parse(r.values) as string[] }));
}

function optionChangeIssues(
  next: readonly OptionData[],
  stored: readonly OptionData[],
  variants: readonly { sku: string; values: Record<string, string> }[],
): FieldIssue[] {
  if (variants.length === 0) return [];
  const storedNames = stored.map((o) => o.name);
  const sameNames = storedNames.length === next.length && storedNames.every((name, i) => sameText(name, next[i]?.name ?? ''));
  if (!sameNames) {
    return [
      {
        path: 'options',
        key: 'catalog.options.changed',
        message: `The variants already use the options ${storedNames.join(' × ')}; keep those names in that order (values can be added).`,
        params: { options: storedNames.join(', ') },
      },
    ];
  }
  const issues: FieldIssue[] = [];
  next.forEach((option, index) => {
    const storedName = storedNames[index] ?? option.name;
    const used = new Set(variants.map((v) => v.values[storedName]).filter((v): v is string => v !== undefined));
    for (const value of used) {
      if (option.values.some((v) => sameText(v, value))) continue;
      const example = variants.find((v) => v.values[storedName] === value)?.sku ?? '';
      issues.push({
        path: `options.${index}.values`,
        key: 'catalog.option.valueInUse',
        message: `The value "${value}" of ${option.name} is used by ${example}; archive or delete those variants before removing it.`,
        params: { option: option.name, value, sku: example },
      });
    }
    if (option.name !== storedName) {
      issues.push({
        path: `options.${index}.name`,
        key: 'catalog.options.changed',
        message: `The option is stored as ${storedName}; keep its spelling while variants use it.`,
        params: { options: storedName },
      });
    }
  });
  return issues;
}

function throwIfSkuProblems(planned: readonly { combo: string[]; sku: string }[], parentSku: string): void {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, string[]>();
  for (const { combo, sku } of planned) {
    if (sku.length > SKU_MAX_LENGTH) {
      issues.push({
        path: 'options',
        key: 'catalog.variants.skuTooLong',
        message: `The variant SKU ${sku} would be longer than ${SKU_MAX_LENGTH} characters; shorten ${parentSku} or the option values.`,
        params: { sku },
      });
      break;
    }
    const other = seen.get(sku);
    if (other) {
      issues.push({
        path: 'options',
        key: 'catalog.variants.skuCollision',
        message: `The values ${other.join(' / ')} and ${combo.join(' / ')} both make the SKU ${sku}; spell one of them differently.`,
        params: { sku },
      });
      break;
    }
    seen.set(sku, combo);
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

async function throwIfSkusTaken(db: Db, planned: readonly { sku: string }[]): Promise<void> {
  if (planned.length === 0) return;
  const taken = await sql<{ sku: string }>`
    SELECT sku FROM product WHERE sku IN (SELECT value FROM json_each(${JSON.stringify(planned.map((p) => p.sku))}))`.execute(db);
  if (taken.rows.length === 0) return;
  const list = taken.rows.map((r) => r.sku);
  throw new ValidationError([
    {
      path: 'options',
      key: 'catalog.sku.taken',
      message: `The variant SKU${list.length > 1 ? 's' : ''} ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''} ${list.length > 1 ? 'are' : 'is'} already used by other products.`,
      params: { sku: list[0] ?? '' },
    },
  ]);
}

