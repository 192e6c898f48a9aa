import { PRODUCT_STATUSES, type Product, type ProductStatus } from '../../../shared/catalog/product.ts';
import { ProductListQuerySchema, type ProductListRow } from '../../../shared/catalog/list.ts';
import { formatDimensions, formatWeight } from '../../../shared/catalog/units.ts';
import { KontorError } from '../../../shared/errors.ts';
import { formatAmount } from '../../../shared/money.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { getCatalogLanguages } from '../../core/catalog/languages.ts';
import { listProducts } from '../../core/catalog/list.ts';
import { getProductBySku } from '../../core/catalog/products.ts';
import { bestTitle } from '../../core/catalog/texts.ts';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations/index.ts';
import type { OpenedDatabase } from '../../core/db/openDatabase.ts';
import { UsageError, type CliCommand, type CommandContext } from '../command.ts';
import { openExistingDatabase } from '../database.ts';
import { table } from '../output.ts';

/** Opens the database read as it is; the catalog needs schema version 3 or later. */
async function withCatalog<T>(context: CommandContext, work: (database: OpenedDatabase) => Promise<T>): Promise<T> {
  const database = await openExistingDatabase(context.databasePath, context.appVersion);
  try {
    if (database.schemaVersion < LATEST_SCHEMA_VERSION) {
      throw new KontorError(
        'CONFLICT',
        `The database is at schema version ${database.schemaVersion} and has no catalog yet; run "kontor migrate" first.`,
      );
    }
    return await work(database);
  } finally {
    database.close();
  }
}

const money = (m: { amountMinor: number; currency: string } | null): string => (m === null ? '' : `${formatAmount(m.amountMinor, m.currency)} ${m.currency}`);

/** Left-aligned columns with a header; the last column is not padded. */
function columns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

export const productsListCommand: CliCommand = {
  name: 'products list',
  summary: 'List products: SKU, status, retail price, stock on hand and title.',
  details:
    'Sorted by SKU. --status takes draft, active or archived (several separated by commas); --search\n' +
    'finds words or their beginnings in SKUs, GTINs, titles, descriptions and tags, whatever the accents.',
  args: { min: 0, max: 0 },
  options: {
    status: { type: 'string', valueName: '<status>', description: 'Only products with this status (draft, active, archived).' },
    search: { type: 'string', valueName: '<text>', description: 'Only products matching this text.' },
    limit: { type: 'string', valueName: '<n>', description: 'At most this many products (default 100, at most 500).' },
  },
  json: true,
  async run(context) {
    const statuses = typeof context.options.status === 'string' ? context.options.status.split(',').map((s) => s.trim().toLowerCase()) : [];
    const unknown = statuses.filter((s) => !(PRODUCT_STATUSES as readonly string[]).includes(s));
    if (unknown.length > 0) throw new UsageError(`--status takes ${PRODUCT_STATUSES.join(', ')}, not ${unknown.join(', ')}`, productsListCommand);
    const limitText = context.options.limit;
    const limit = typeof limitText === 'string' ? Number(limitText) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit takes a whole number from 1 to 500', productsListCommand);
    const search = typeof context.options.search === 'string' ? context.options.search : undefined;
    const query = ProductListQuerySchema.parse({
      limit,
      ...(statuses.length > 0 ? { status: statuses as ProductStatus[] } : {}),
      ...(search !== undefined ? { search } : {}),
    });
    const list = await withCatalog(context, (database) => listProducts(database.db, query));
    const title = (r: ProductListRow): string => [r.title ?? '', r.optionLabel ? `(${r.optionLabel})` : ''].filter(Boolean).join(' ');
    const text =
      list.rows.length === 0
        ? 'No products match.'
        : [
            columns(
              ['SKU', 'STATUS', 'PRICE', 'ON HAND', 'TITLE'],
              list.rows.map((r) => [r.sku, r.status, money(r.price), `${formatQuantity(r.onHandMilli)} ${r.unit}`, title(r)]),
            ),
            list.total > list.rows.length ? `${list.rows.length} of ${list.total} products; --limit shows more.` : `${list.total} products.`,
          ].join('\n');
    context.result(text, list);
  },
};

export const productsShowCommand: CliCommand = {
  name: 'products show',
  argsUsage: '<sku>',
  summary: 'Show one product by SKU (any case): texts, trade data, prices, variants and images.',
  args: { min: 1, max: 1 },
  json: true,
  async run(context) {
    const sku = context.args[0] ?? '';
    const { product, languages } = await withCatalog(context, async (database) => ({
      product: await getProductBySku(database.db, sku),
      languages: (await getCatalogLanguages(database.db)).languages,
    }));
    context.result(describeProduct(product, languages), product);
  },
};

function describeProduct(p: Product, languages: readonly string[]): string {
  const texts = Object.keys(p.texts).length > 0 ? p.texts : (p.parent?.texts ?? {});
  const heading = `${p.sku}  ${bestTitle(texts, languages[0] ?? 'en', languages) ?? '(no title)'}`;
  const facts: [string, string][] = [
    ['Status', p.status],
    ['Kind', p.kind === 'variant' ? `variant of ${p.parent?.sku ?? p.parentId} (${Object.values(p.optionValues ?? {}).join(' / ')})` : p.kind],
    ['Unit', p.unit],
  ];
  const optional: [string, string | null][] = [
    ['Brand', p.brand],
    ['Tags', p.tags.length > 0 ? p.tags.join(', ') : null],
    ['GTIN', p.gtin],
    ['HS code', p.hsCode],
    ['Origin', p.originCountry],
    ['Net weight', p.netWeightG === null ? null : formatWeight(p.netWeightG)],
    ['Gross weight', p.grossWeightG === null ? null : formatWeight(p.grossWeightG)],
    ['Dimensions', formatDimensions(p)],
    ['Cost price', p.costPrice === null ? null : money(p.costPrice)],
    ['On hand', `${formatQuantity(p.onHandMilli)} ${p.unit}`],
    ['Updated', `${p.updatedAt} (revision ${p.revision})`],
  ];
  for (const [label, value] of optional) if (value !== null) facts.push([label, value]);
  const lines = [heading, table(facts, '  ')];
  const textRows = Object.entries(p.texts);
  if (textRows.length > 0) {
    lines.push('Texts');
    for (const [language, t] of textRows) lines.push(`  ${language}  ${t.title}${t.description ? `\n      ${t.description.replace(/\n/g, '\n      ')}` : ''}`);
  }
  if (p.prices.length > 0) {
    lines.push('Prices');
    for (const price of p.prices) {
      const tiers = price.tiers.map((t) => `from ${formatQuantity(t.minQuantityMilli)}: ${money({ amountMinor: t.amountMinor, currency: price.currency })}`);
      lines.push(`  ${price.priceList} ${price.currency}  ${tiers.join('; ')}`);
    }
  }
  for (const rule of p.minimumOrders) lines.push(`Minimum order (${rule.priceList}): ${formatQuantity(rule.quantityMilli)} ${p.unit}`);
  if (p.options.length > 0) lines.push(`Options: ${p.options.map((o) => `${o.name} (${o.values.join(', ')})`).join(' × ')}`);
  if (p.variants.length > 0) {
    lines.push(`Variants (${p.variants.length})`);
    lines.push(
      columns(
        ['  SKU', 'STATUS', 'GTIN', 'OPTIONS'],
        p.variants.map((v) => [`  ${v.sku}`, v.status, v.gtin ?? '', Object.values(v.optionValues).join(' / ')]),
      ),
    );
  }
  if (p.images.length > 0) lines.push(`Images: ${p.images.length} (main: ${p.images[0]?.originalName ?? p.images[0]?.sha256 ?? ''})`);
  return lines.join('\n');
}
