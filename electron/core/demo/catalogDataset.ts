import { dirname } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { skuPart, variantSku, type ProductFields, type ProductStatus } from '../../../shared/catalog/product.ts';
import type { CategoryAttributeData } from '../../../shared/catalog/category.ts';
import { KontorError } from '../../../shared/errors.ts';
import { mulDivRound } from '../../../shared/money.ts';
import { gtinCheckDigit, gtinSpellings } from '../../../shared/validation/gtin.ts';
import { foldText } from '../catalog/search.ts';
import { saveCompanyProfile } from '../company/companyProfile.ts';
import { backupDirIn } from '../dataDir.ts';
import { FILL_SORT_KEYS, SORT_KEY_TRIGGER_NAMES } from '../db/migrations/005-list-sort-keys.ts';
import { suspendTriggers } from '../db/suspendTriggers.ts';
import { openDatabase } from '../db/openDatabase.ts';
import type { Logger } from '../logger.ts';
import { applyAverageOutflow, applyInflow, unitCostOf, valueOf } from '../stock/costing.ts';
import type { StockRequest, TransferRequest } from '../stock/recordMovements.ts';
import {
  ADJUSTMENT_REASONS,
  CATEGORY_SPECS,
  COLOURS,
  DESCRIPTIONS,
  MAKERS,
  MATERIALS,
  PLACES,
  SUPPLIERS,
  TAGS,
  TYPE_SPECS,
  type Lang,
  type TypeSpec,
  type Words,
} from './catalogVocabulary.ts';
import { demoCompanyProfile } from './demoCompany.ts';
import { createRng, type Rng } from './random.ts';

/**
 * A large, realistic catalogue with years of stock movements, for the benchmarks: by default
 * 100,000 products (simple ones, and parents with their variants) and 2,000,000 movements over
 * three years in three warehouses.
 *
 * The data is planned once (`planCatalog`, `planMovements`: what a person would have typed, as the
 * inputs of the catalog and stock services) and written here straight with cached prepared
 * statements in big transactions, computing what the services would have derived (search rows,
 * moving-average values, levels and valuation). tests/core/demo/catalogDataset.test.ts replays the
 * same plan through the services and checks that both databases hold the same rows.
 */

/** Bump whenever the generated data changes for a given seed: the benchmarks cache on it. */
export const CATALOG_DATASET_VERSION = 1;

export const DATASET_END = '2026-06-30T16:00:00.000Z';
const DAY = 86_400_000;
const SPAN_DAYS = 3 * 365;

export interface CatalogDatasetOptions {
  products: number;
  movements: number;
  seed: number;
  /** The last instant of the history; three years before it is the first. */
  end?: string;
  log?: Logger;
}

export interface CatalogDatasetSummary {
  products: number;
  parents: number;
  variants: number;
  categories: number;
  movements: number;
  ms: number;
}

// ---- the plan ----------------------------------------------------------------------------------

export interface PlannedCategory {
  id: number;
  parentId: number | null;
  code: string;
  position: number;
  names: Record<string, string>;
  attributes: CategoryAttributeData[];
}

export interface PlannedWarehouse {
  id: number;
  code: string;
  name: string;
  kind: 'own' | '3pl' | 'marketplace';
  country: string;
}

export interface PlannedVariant {
  id: number;
  sku: string;
  values: string[];
  gtin: string;
  netWeightG: number | null;
  grossWeightG: number | null;
  prices: ProductFields['prices'];
  minimumOrders: ProductFields['minimumOrders'];
}

export interface PlannedProduct {
  kind: 'simple' | 'parent';
  id: number;
  at: string;
  /** As stored in the end; a product first saved as a draft is activated at `activatedAt`. */
  fields: ProductFields;
  createdStatus: ProductStatus;
  activatedAt: string | null;
  options: { name: string; values: string[] }[];
  variants: PlannedVariant[];
}

export type PlannedMovement = (StockRequest | TransferRequest) & { occurredAt: string };

export const WAREHOUSES: readonly PlannedWarehouse[] = [
  // MAIN (id 1) is made by the stock migration.
  { id: 2, code: 'FBA-DE', name: 'Amazon FBA Leipzig', kind: 'marketplace', country: 'DE' },
  { id: 3, code: '3PL-FR', name: 'Entrepôt Lyon (3PL)', kind: '3pl', country: 'FR' },
];
const WAREHOUSE_IDS = [1, 2, 3] as const;

export function datasetStart(end = DATASET_END): string {
  return new Date(Date.parse(end) - SPAN_DAYS * DAY).toISOString();
}

export function planCategories(): PlannedCategory[] {
  const ids = new Map<string, number>();
  const positions = new Map<number | null, number>();
  return CATEGORY_SPECS.map((spec, index) => {
    const id = index + 1;
    ids.set(spec.key, id);
    const parentId = spec.parent === undefined ? null : (ids.get(spec.parent) ?? null);
    const position = positions.get(parentId) ?? 0;
    positions.set(parentId, position + 1);
    return {
      id,
      parentId,
      code: spec.code,
      position,
      names: { ...spec.names },
      attributes: (spec.attributes ?? []).map((a) => ({
        code: a.code,
        type: a.type,
        required: a.required ?? false,
        choices: a.type === 'choice' ? [...(a.choices ?? [])] : null,
        labels: { ...a.labels },
      })),
    };
  });
}

/** What the movement plan needs to know of each product that holds stock (simple products and variants). */
export interface StockCatalog {
  ids: number[];
  createdMs: number[];
  /** Cost of one unit in MAD minor units, the basis of purchase prices. */
  costBasis: number[];
  batch: [number, number][];
  step: number[];
}

const SIZE_UNITS: Record<string, Words> = {
  soap: { en: 'g', fr: 'g', de: 'g', ar: 'غ' },
  teapot: { en: 'l', fr: 'l', de: 'l', ar: 'ل' },
  glasses: { en: 'glasses', fr: 'verres', de: 'Gläser', ar: 'كؤوس' },
};
const CM: Words = { en: 'cm', fr: 'cm', de: 'cm', ar: 'سم' };
const LANGUAGE_SETS: readonly (readonly [readonly Lang[], number])[] = [
  [['en', 'fr', 'de', 'ar'], 72],
  [['en', 'fr'], 15],
  [['fr', 'ar'], 6],
  [['en'], 7],
];
const RUG_CATEGORIES = new Set(CATEGORY_SPECS.filter((c) => c.key === 'rugs' || c.parent === 'rugs').map((c) => c.key));
/** A rough EUR → MAD rate for prices in dirhams and costs. */
const MAD_PER_EUR = 10.85;

/**
 * The catalogue, product by product in the order of their ids (a parent is followed by its
 * variants). Fills `stock` with the products that hold stock, for `planMovements`.
 */
export function* planCatalog(options: { products: number; seed: number; end?: string }, stock: StockCatalog): Generator<PlannedProduct> {
  const rng = createRng(options.seed).fork('catalog');
  const endMs = Date.parse(options.end ?? DATASET_END);
  const startMs = endMs - SPAN_DAYS * DAY;
  const categories = planCategories();
  const categoryId = new Map(CATEGORY_SPECS.map((c, i) => [c.key, categories[i]?.id ?? 0]));
  const typeWeights = TYPE_SPECS.map((t) => [t, t.weight] as const);
  const total = options.products;
  // Half the catalogue is there in the first month (the initial import), the rest comes over time.
  const createdAt = (id: number): number => {
    const f = (id - 1) / total;
    return Math.floor(f < 0.5 ? startMs + (f / 0.5) * 30 * DAY : startMs + 30 * DAY + ((f - 0.5) / 0.5) * (SPAN_DAYS - 90) * DAY);
  };
  let gtinSerial = 0;
  const nextGtin = (): string => {
    const n = gtinSerial++;
    // GS1 Morocco (611), one of three made-up company prefixes, a five-digit item reference.
    const body = `611${1000 + 237 * (n % 3)}${String(Math.floor(n / 3)).padStart(5, '0')}`;
    return body + String(gtinCheckDigit(body));
  };

  let id = 1;
  while (id <= total) {
    const type = rng.weighted(typeWeights);
    const remaining = total - id;
    const wantsVariants = type.options !== undefined && rng.chance(type.parentShare ?? 0);
    const atMs = createdAt(id);
    const at = new Date(atMs).toISOString();
    const place = rng.pick(PLACES);
    const materialKey = rng.pick(type.materials);
    const material = MATERIALS[materialKey] as Words;
    const colour = rng.pick(COLOURS);
    const size = rng.pick(type.sizes);
    const languages = rng.weighted(LANGUAGE_SETS);
    const maker = rng.pick(MAKERS);
    const texts: ProductFields['texts'] = {};
    for (const lang of languages) {
      const sizeUnit = SIZE_UNITS[type.key] ?? CM;
      const sizeText = size.label === '' ? '' : `, ${size.label} ${sizeUnit[lang]}`;
      const title = `${type.names[lang]} ${place[lang]}, ${material[lang]}, ${colour[lang]}${sizeText}`;
      const templates = DESCRIPTIONS[lang];
      const description = rng.chance(0.6)
        ? rng.pick(templates)({ place: place[lang], maker, material: material[lang], colour: colour[lang] })
        : null;
      texts[lang] = { title, description };
    }
    const tagCount = rng.weighted([[0, 25], [1, 30], [2, 25], [3, 15], [4, 5]] as const);
    const tags = [...new Set(Array.from({ length: tagCount }, () => rng.pick(TAGS)))].sort();
    const retail = roundedPrice(rng.int(type.retail[0], type.retail[1]), rng);
    const prices: ProductFields['prices'] = [];
    const minimumOrders: ProductFields['minimumOrders'] = [];
    const priced = rng.chance(0.95);
    if (priced) prices.push({ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: retail }] });
    if (priced && rng.chance(0.25)) {
      prices.push({ priceList: 'RETAIL', currency: 'MAD', tiers: [{ minQuantityMilli: 1000, amountMinor: Math.round((retail * MAD_PER_EUR) / 100) * 100 }] });
    }
    const wholesaleMoq = priced && rng.chance(0.5) ? rng.pick([2, 5, 10, 24]) : 0;
    const secondTier = rng.chance(0.6);
    if (wholesaleMoq > 0) {
      prices.push({ priceList: 'WHOLESALE', currency: 'EUR', tiers: wholesaleTiers(retail, wholesaleMoq, secondTier) });
      minimumOrders.push({ priceList: 'WHOLESALE', quantityMilli: wholesaleMoq * 1000 });
    }
    const costBasis = Math.max(100, Math.round((retail * MAD_PER_EUR * (0.25 + 0.2 * rng.next())) / 100) * 100);
    const costRoll = rng.next();
    const costPrice = costRoll < 0.8 ? { amountMinor: costBasis, currency: 'MAD' } : costRoll < 0.85 ? { amountMinor: Math.round(costBasis / MAD_PER_EUR), currency: 'EUR' } : null;
    const net = rng.chance(0.95) ? Math.max(1, Math.round(size.grams * (0.9 + 0.2 * rng.next()))) : null;
    const gross = net === null ? null : net + Math.round(net * (0.05 + 0.1 * rng.next()));
    const withDims = rng.chance(0.4);
    const dims = withDims ? [rng.int(50, 3000), rng.int(50, 2500), rng.int(5, 800)] : [null, null, null];
    const uncategorised = rng.chance(0.05);
    const attributes: ProductFields['attributes'] = {};
    if (!uncategorised && RUG_CATEGORIES.has(type.category)) {
      attributes.material = materialKey;
      if (rng.chance(0.7)) attributes.pile_height_mm = rng.int(4, 30);
    }
    const statusRoll = rng.next();
    const status: ProductStatus = statusRoll < 0.8 ? 'active' : statusRoll < 0.9 ? 'draft' : 'archived';
    const activated = status === 'active' && rng.chance(0.3) ? Math.min(endMs, atMs + rng.int(1, 120) * DAY + rng.int(0, DAY - 1)) : null;
    const placeCode = foldText(place.en).replace(/[^a-z]/g, '').slice(0, 3).toUpperCase();
    const number = String((id * 48_271) % 1_000_003).padStart(7, '0');

    // Options: a random subset of each option's values, in their order; at most what is left of the catalogue.
    let options: { name: string; values: string[] }[] = [];
    if (wantsVariants && type.options) {
      options = type.options.map((o) => {
        const count = rng.int(o.pick[0], o.pick[1]);
        const chosen = new Set<string>();
        while (chosen.size < Math.min(count, o.values.length)) chosen.add(rng.pick(o.values));
        return { name: o.name, values: o.values.filter((v) => chosen.has(v)) };
      });
      const combos = options.reduce((n, o) => n * o.values.length, 1);
      if (combos < 2 || combos > remaining) options = [];
    }
    const isParent = options.length > 0;
    const fields: ProductFields = {
      sku: `${type.sku}-${placeCode}-${number}`,
      status,
      texts,
      categoryId: uncategorised ? null : (categoryId.get(type.category) ?? null),
      brand: rng.chance(0.9) ? type.brand : null,
      tags,
      unit: type.unit,
      gtin: !isParent && rng.chance(0.88) ? nextGtin() : isParent && rng.chance(0.3) ? nextGtin() : null,
      hsCode: type.hs,
      originCountry: 'MA',
      netWeightG: net,
      grossWeightG: gross,
      lengthMm: dims[0] ?? null,
      widthMm: dims[1] ?? null,
      heightMm: dims[2] ?? null,
      costPrice,
      prices,
      minimumOrders,
      attributes,
    };
    const product: PlannedProduct = {
      kind: isParent ? 'parent' : 'simple',
      id,
      at,
      fields,
      createdStatus: activated === null ? status : 'draft',
      activatedAt: activated === null ? null : new Date(activated).toISOString(),
      options,
      variants: [],
    };
    if (isParent) {
      product.createdStatus = status;
      product.activatedAt = null;
      const combos = options.reduce<string[][]>((acc, o) => acc.flatMap((c) => o.values.map((v) => [...c, v])), [[]]);
      combos.forEach((values, j) => {
        const sizeIndex = options[0]?.name === 'Size' ? (options[0].values.indexOf(values[0] ?? '') ?? 0) : 0;
        const factor = 1 + 0.15 * sizeIndex;
        const variantRetail = roundedPrice(Math.round(retail * factor), rng);
        const variantPrices: ProductFields['prices'] = [];
        if (priced) variantPrices.push({ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: variantRetail }] });
        if (wholesaleMoq > 0) variantPrices.push({ priceList: 'WHOLESALE', currency: 'EUR', tiers: wholesaleTiers(variantRetail, wholesaleMoq, secondTier) });
        const variantNet = net === null ? null : Math.round(net * factor);
        product.variants.push({
          id: id + 1 + j,
          sku: variantSku(fields.sku, values.map((v, i) => skuPart(v, options[i]?.values.indexOf(v) ?? 0))).toUpperCase(),
          values,
          gtin: nextGtin(),
          netWeightG: variantNet,
          grossWeightG: variantNet === null || gross === null || net === null ? null : variantNet + (gross - net),
          prices: variantPrices,
          minimumOrders: wholesaleMoq > 0 ? [{ priceList: 'WHOLESALE', quantityMilli: wholesaleMoq * 1000 }] : [],
        });
        addStock(stock, id + 1 + j, atMs, Math.round(costBasis * factor), type);
      });
    } else {
      addStock(stock, id, atMs, costBasis, type);
    }
    yield product;
    id += 1 + product.variants.length;
  }
}

function addStock(stock: StockCatalog, id: number, createdMs: number, costBasis: number, type: TypeSpec): void {
  stock.ids.push(id);
  stock.createdMs.push(createdMs);
  stock.costBasis.push(costBasis);
  stock.batch.push(type.batch);
  stock.step.push(type.step);
}

/** A price ending in .00, .90 or .99. */
function roundedPrice(cents: number, rng: Rng): number {
  return Math.max(99, Math.floor(cents / 100) * 100 + rng.pick([0, 90, 99]));
}

function wholesaleTiers(retail: number, moq: number, second: boolean): { minQuantityMilli: number; amountMinor: number }[] {
  const tiers = [{ minQuantityMilli: moq * 1000, amountMinor: Math.round(retail * 0.62) }];
  if (second) tiers.push({ minQuantityMilli: moq * 4000, amountMinor: Math.round(retail * 0.55) });
  return tiers;
}

export function emptyStockCatalog(): StockCatalog {
  return { ids: [], createdMs: [], costBasis: [], batch: [], step: [] };
}

/**
 * The movements, in time order: receipts from workshops (mostly into MAIN), shipments to buyers,
 * transfers from MAIN to the marketplace and 3PL warehouses, and adjustments. Stock never goes
 * below zero, as the default stock settings require; a transfer counts as two movements.
 */
export function* planMovements(
  options: { movements: number; seed: number; end?: string },
  stock: StockCatalog,
): Generator<PlannedMovement> {
  const rng = createRng(options.seed).fork('movements');
  const endMs = Date.parse(options.end ?? DATASET_END);
  const startMs = endMs - SPAN_DAYS * DAY;
  const span = endMs - startMs;
  const count = stock.ids.length;
  if (count === 0 || options.movements === 0) return;
  // Levels per stock product (by its index) × warehouse, in milli-units.
  const levels = new Float64Array(count * 3);
  // One product in ten sells far more than the others.
  const hot: number[] = [];
  for (let i = 0; i < count; i++) if (((Math.imul(stock.ids[i] ?? 0, 0x9e3779b1) >>> 0) % 10) === 0) hot.push(i);
  let eligible = 0;
  let hotEligible = 0;
  let written = 0;
  let k = 0;
  let po = 0;
  let so = 0;
  const slots = options.movements;
  while (written < slots) {
    const t = startMs + Math.floor(((written + 0.9 * rng.next()) / slots) * span);
    k++;
    while (eligible < count && (stock.createdMs[eligible] ?? 0) <= t) eligible++;
    while (hotEligible < hot.length && (hot[hotEligible] ?? 0) < eligible) hotEligible++;
    const i = hotEligible > 0 && rng.chance(0.4) ? (hot[rng.int(0, hotEligible - 1)] ?? 0) : rng.int(0, Math.max(1, eligible) - 1);
    const productId = stock.ids[i] ?? 0;
    const occurredAt = new Date(t).toISOString();
    const year = occurredAt.slice(0, 4);
    const step = stock.step[i] ?? 1000;
    const [batchMin, batchMax] = stock.batch[i] ?? [1, 10];
    const level = (w: number): number => levels[i * 3 + w] ?? 0;
    const add = (w: number, q: number): void => {
      levels[i * 3 + w] = level(w) + q;
    };
    const totalLevel = level(0) + level(1) + level(2);
    const roll = rng.next();
    let kind: 'receipt' | 'shipment' | 'transfer' | 'adjustment' =
      totalLevel === 0 || roll < 0.28 ? 'receipt' : roll < 0.78 ? 'shipment' : roll < 0.9 ? 'transfer' : 'adjustment';
    if (kind === 'transfer' && (level(0) === 0 || slots - written < 2)) kind = 'shipment';
    const amount = (min: number, max: number): number => rng.int(min, max) * 1000 + (step < 1000 ? rng.int(0, 1000 / step - 1) * step : 0);
    if (kind === 'receipt') {
      const w = rng.weighted([[0, 75], [1, 10], [2, 15]] as const);
      const q = amount(batchMin, batchMax);
      add(w, q);
      written++;
      yield {
        kind: 'receipt',
        productId,
        warehouseId: WAREHOUSE_IDS[w],
        quantityMilli: q,
        unitCostMinor: Math.round((stock.costBasis[i] ?? 100) * (0.9 + 0.25 * rng.next())),
        supplier: rng.pick(SUPPLIERS),
        reference: `PO-${year}-${String(++po).padStart(6, '0')}`,
        occurredAt,
      };
    } else if (kind === 'transfer') {
      const to = rng.chance(0.6) ? 1 : 2;
      const q = Math.min(level(0), amount(1, Math.max(1, Math.ceil(batchMax / 3))));
      add(0, -q);
      add(to, q);
      written += 2;
      yield { kind: 'transfer', productId, fromWarehouseId: 1, toWarehouseId: WAREHOUSE_IDS[to], quantityMilli: q, reference: `TR-${year}-${String(k).padStart(7, '0')}`, occurredAt };
    } else {
      const stocked = [0, 1, 2].filter((w) => level(w) > 0);
      const w = rng.pick(stocked) as 0 | 1 | 2;
      if (kind === 'shipment') {
        const q = Math.min(level(w), amount(1, Math.max(1, Math.ceil(batchMax / 8))));
        add(w, -q);
        written++;
        const reference = w === 1 ? `AMZ-${String(3_020_000_000 + (++so * 7919) % 999_999_937)}` : `SO-${year}-${String(++so).padStart(6, '0')}`;
        yield { kind: 'shipment', productId, warehouseId: WAREHOUSE_IDS[w], quantityMilli: -q, reference, occurredAt };
      } else {
        const out = rng.chance(0.6);
        const q = out ? -Math.min(level(w), step) : step * rng.int(1, 2);
        add(w, q);
        written++;
        yield { kind: 'adjustment', productId, warehouseId: WAREHOUSE_IDS[w], quantityMilli: q, reason: rng.pick(ADJUSTMENT_REASONS), occurredAt };
      }
    }
  }
}

// ---- the fast writer ---------------------------------------------------------------------------

/**
 * Creates (or refuses, if it already has a company) the database at `databasePath` and fills it
 * with the planned catalogue and movements. The same options give the same rows.
 */
export async function generateCatalogDataset(databasePath: string, options: CatalogDatasetOptions): Promise<CatalogDatasetSummary> {
  const started = performance.now();
  const quiet: Logger = { info() {}, warn() {}, error() {} };
  const log = options.log ?? quiet;
  const opened = await openDatabase({
    path: databasePath,
    appVersion: `catalog-dataset-${CATALOG_DATASET_VERSION}`,
    backupDir: backupDirIn(dirname(databasePath)),
    log: quiet,
  });
  const { sqlite, db } = opened;
  try {
    const existing = await db.selectFrom('company').select('legal_name').executeTakeFirst();
    if (existing) throw new KontorError('CONFLICT', `The database already has a company (${existing.legal_name}); the dataset goes into an empty one.`);
    // Throwaway data until it is complete: no fsyncs, a large cache for the index pages.
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -1048576');
    await saveCompanyProfile(db, demoCompanyProfile());
    // The list's sort keys are derived data, like the stock projections: filled once at the end
    // instead of by their triggers on every row (which would take minutes), then the triggers are back.
    const triggers = suspendTriggers(sqlite, SORT_KEY_TRIGGER_NAMES);
    const end = options.end ?? DATASET_END;
    const start = datasetStart(end);
    const writer = new DatasetWriter(sqlite);
    writer.categoriesAndWarehouses(start);
    const stock = emptyStockCatalog();
    let parents = 0;
    let variants = 0;
    let batch: PlannedProduct[] = [];
    const flush = sqlite.transaction((items: PlannedProduct[]) => {
      for (const item of items) writer.product(item);
    });
    for (const item of planCatalog({ products: options.products, seed: options.seed, end }, stock)) {
      if (item.kind === 'parent') parents++;
      variants += item.variants.length;
      batch.push(item);
      if (batch.length >= 5000) {
        flush(batch);
        batch = [];
      }
    }
    flush(batch);
    log.info(`catalogue written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    writer.prepareStock(stock);
    let movements = 0;
    let chunk: PlannedMovement[] = [];
    const flushMovements = sqlite.transaction((items: PlannedMovement[]) => {
      for (const m of items) movements += writer.movement(m);
    });
    for (const m of planMovements({ movements: options.movements, seed: options.seed, end }, stock)) {
      chunk.push(m);
      if (chunk.length >= 50_000) {
        flushMovements(chunk);
        chunk = [];
      }
    }
    flushMovements(chunk);
    sqlite.transaction(() => {
      writer.projections();
      sqlite.exec(FILL_SORT_KEYS);
      triggers.restore();
    })();
    log.info(`movements written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return { products: options.products, parents, variants, categories: CATEGORY_SPECS.length, movements, ms: performance.now() - started };
  } finally {
    opened.close();
  }
}

interface Valuation {
  q: number;
  v: number;
}

class DatasetWriter {
  private readonly sqlite: Database;
  private readonly s: Record<string, Statement>;
  private readonly byId = new Map<number, PlannedProduct>();
  // Per product id: moving-average state, the unit cost of its latest movement, its cost price.
  private valuation = new Map<number, Valuation>();
  private lastUnitCost = new Map<number, number>();
  private readonly costPrice = new Map<number, { amountMinor: number; currency: string } | null>();
  private readonly levels = new Map<number, number>();
  private transferId = 0;
  private baseCurrency = 'MAD';

  constructor(sqlite: Database) {
    this.sqlite = sqlite;
    const p = (sql: string): Statement => sqlite.prepare(sql);
    this.s = {
      category: p('INSERT INTO category (id, parent_id, code, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
      categoryName: p('INSERT INTO category_name (category_id, language, name) VALUES (?, ?, ?)'),
      categoryAttribute: p(
        'INSERT INTO category_attribute (category_id, code, type, required, choices, labels, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      warehouse: p('INSERT INTO warehouse (id, code, name, kind, country, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      product: p(
        `INSERT INTO product (id, sku, kind, parent_id, status, category_id, brand, unit, gtin, hs_code, origin_country, net_weight_g,
           gross_weight_g, length_mm, width_mm, height_mm, cost_price_minor, cost_currency, attributes, option_values, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      text: p('INSERT INTO product_text (product_id, language, title, description) VALUES (?, ?, ?, ?)'),
      tag: p('INSERT INTO product_tag (product_id, tag) VALUES (?, ?)'),
      option: p('INSERT INTO product_option (product_id, position, name, "values") VALUES (?, ?, ?, ?)'),
      price: p('INSERT INTO product_price (product_id, price_list_id, currency, min_quantity_milli, amount_minor) VALUES (?, ?, ?, ?, ?)'),
      rule: p('INSERT INTO product_order_rule (product_id, price_list_id, min_order_quantity_milli) VALUES (?, ?, ?)'),
      search: p('INSERT INTO product_search (rowid, sku, gtin, text, tags) VALUES (?, ?, ?, ?, ?)'),
      movement: p(
        `INSERT INTO stock_movement (kind, product_id, warehouse_id, quantity_milli, value_minor, unit_cost_minor, supplier, reason, reference,
           transfer_id, occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      level: p('INSERT INTO stock_level (product_id, warehouse_id, on_hand_milli) VALUES (?, ?, ?)'),
      valuation: p('INSERT INTO stock_valuation (product_id, quantity_milli, value_minor) VALUES (?, ?, ?)'),
    };
    this.priceListIds = new Map(
      (sqlite.prepare('SELECT id, code FROM price_list').all() as { id: number; code: string }[]).map((r) => [r.code.toUpperCase(), r.id]),
    );
    this.baseCurrency = (sqlite.prepare('SELECT base_currency FROM company WHERE id = 1').pluck().get() as string | undefined) ?? 'MAD';
  }

  private readonly priceListIds: Map<string, number>;

  categoriesAndWarehouses(at: string): void {
    this.sqlite.transaction(() => {
      for (const c of planCategories()) {
        this.s.category!.run(c.id, c.parentId, c.code, c.position, at, at);
        for (const [language, name] of Object.entries(c.names)) this.s.categoryName!.run(c.id, language, name);
        c.attributes.forEach((a, position) =>
          this.s.categoryAttribute!.run(c.id, a.code, a.type, a.required ? 1 : 0, a.choices === null ? null : JSON.stringify(a.choices), JSON.stringify(a.labels), position),
        );
      }
      for (const w of WAREHOUSES) this.s.warehouse!.run(w.id, w.code, w.name, w.kind, w.country, at);
    })();
  }

  product(item: PlannedProduct): void {
    const f = item.fields;
    const updatedAt = item.activatedAt ?? item.at;
    // A parent's revision: created, then made a parent by generating its variants; a product saved
    // as a draft and activated later: created, then updated.
    const revision = item.kind === 'parent' || item.activatedAt !== null ? 2 : 1;
    this.insertProduct(item.id, f, item.kind, null, null, item.at, updatedAt, revision);
    for (const language of Object.keys(f.texts).sort()) {
      const text = f.texts[language];
      if (text) this.s.text!.run(item.id, language, text.title, text.description);
    }
    for (const tag of f.tags) this.s.tag!.run(item.id, tag);
    item.options.forEach((o, position) => this.s.option!.run(item.id, position, o.name, JSON.stringify(o.values)));
    this.prices(item.id, f.prices, f.minimumOrders);
    this.index(item.id, f.sku, f.gtin, f, []);
    this.costPrice.set(item.id, f.costPrice);
    for (const v of item.variants) {
      const variantFields: ProductFields = {
        ...f,
        gtin: v.gtin,
        netWeightG: v.netWeightG,
        grossWeightG: v.grossWeightG,
        sku: v.sku,
        tags: [],
        texts: {},
      };
      const optionValues = JSON.stringify(Object.fromEntries(item.options.map((o, j) => [o.name, v.values[j] ?? ''])));
      // Created by generating the variants, then given its own GTIN, weights and prices.
      this.insertProduct(v.id, variantFields, 'variant', item.id, optionValues, item.at, item.at, 2);
      this.prices(v.id, v.prices, v.minimumOrders);
      this.index(v.id, v.sku, v.gtin, f, v.values);
      this.costPrice.set(v.id, f.costPrice);
    }
    this.byId.set(item.id, item);
  }

  private insertProduct(
    id: number,
    f: ProductFields,
    kind: 'simple' | 'parent' | 'variant',
    parentId: number | null,
    optionValues: string | null,
    createdAt: string,
    updatedAt: string,
    revision: number,
  ): void {
    this.s.product!.run(
      id,
      f.sku,
      kind,
      parentId,
      f.status,
      f.categoryId,
      f.brand,
      f.unit,
      f.gtin,
      f.hsCode,
      f.originCountry,
      f.netWeightG,
      f.grossWeightG,
      f.lengthMm,
      f.widthMm,
      f.heightMm,
      f.costPrice?.amountMinor ?? null,
      f.costPrice?.currency ?? null,
      JSON.stringify(f.attributes),
      optionValues,
      createdAt,
      updatedAt,
      revision,
    );
  }

  private prices(id: number, prices: ProductFields['prices'], rules: ProductFields['minimumOrders']): void {
    for (const p of prices) {
      const list = this.priceListIds.get(p.priceList) ?? 0;
      for (const t of p.tiers) this.s.price!.run(id, list, p.currency, t.minQuantityMilli, t.amountMinor);
    }
    for (const r of rules) this.s.rule!.run(id, this.priceListIds.get(r.priceList) ?? 0, r.quantityMilli);
  }

  /**
   * The search row `reindexProducts` writes: texts of the product and of its parent (each title and
   * description, languages in key order), the option values, the tags of both, all folded.
   */
  private index(id: number, sku: string, gtin: string | null, owner: ProductFields, optionValues: readonly string[]): void {
    const texts = Object.keys(owner.texts)
      .sort()
      .map((language) => {
        const t = owner.texts[language];
        return [t?.title ?? '', t?.description ?? ''].join('\n');
      });
    this.s.search!.run(
      id,
      foldText(`${sku} ${sku.replace(/[^\p{L}\p{N}]+/gu, '')}`),
      gtin === null ? '' : gtinSpellings(gtin).join(' '),
      foldText([...texts, ...optionValues].join('\n')),
      foldText(owner.tags.join('\n')),
    );
  }

  prepareStock(_stock: StockCatalog): void {
    this.valuation = new Map();
    this.lastUnitCost = new Map();
  }

  /** Writes one planned movement as `recordMovements` would (moving average); answers the rows written. */
  movement(m: PlannedMovement): number {
    const state = this.valuation.get(m.productId) ?? { q: 0, v: 0 };
    if (m.kind === 'transfer') {
      const q = m.quantityMilli;
      const x = this.currentCost(m.productId, state, q);
      const unitCost = unitCostOf(x, q);
      const transferId = ++this.transferId;
      this.s.movement!.run('transfer_out', m.productId, m.fromWarehouseId, -q, -x, unitCost, null, null, m.reference ?? null, transferId, m.occurredAt, m.occurredAt);
      this.s.movement!.run('transfer_in', m.productId, m.toWarehouseId, q, x, unitCost, null, null, m.reference ?? null, transferId, m.occurredAt, m.occurredAt);
      this.addLevel(m.productId, m.fromWarehouseId, -q);
      this.addLevel(m.productId, m.toWarehouseId, q);
      if (unitCost !== null) this.lastUnitCost.set(m.productId, unitCost);
      return 2;
    }
    const q = m.quantityMilli;
    let after: Valuation;
    if (q > 0) {
      const incoming =
        m.kind === 'receipt' ? valueOf(m.unitCostMinor ?? 0, q) : m.unitCostMinor != null ? valueOf(m.unitCostMinor, q) : this.currentCost(m.productId, state, q);
      const result = applyInflow({ quantityMilli: state.q, valueMinor: state.v }, q, incoming).after;
      after = { q: result.quantityMilli, v: result.valueMinor };
    } else {
      const fallback = state.q === 0 ? this.lastCost(m.productId, state) : 0;
      const result = applyAverageOutflow({ quantityMilli: state.q, valueMinor: state.v }, -q, fallback);
      after = { q: result.quantityMilli, v: result.valueMinor };
    }
    const valueMinor = after.v - state.v;
    const unitCost = m.kind === 'receipt' ? (m.unitCostMinor ?? null) : unitCostOf(Math.abs(valueMinor), Math.abs(q));
    this.s.movement!.run(
      m.kind,
      m.productId,
      m.warehouseId,
      q,
      valueMinor,
      unitCost,
      m.supplier ?? null,
      m.reason ?? null,
      m.reference ?? null,
      null,
      m.occurredAt,
      m.occurredAt,
    );
    this.addLevel(m.productId, m.warehouseId, q);
    this.valuation.set(m.productId, after);
    if (unitCost !== null) this.lastUnitCost.set(m.productId, unitCost);
    return 1;
  }

  private addLevel(productId: number, warehouseId: number, q: number): void {
    const key = productId * 4 + warehouseId;
    this.levels.set(key, (this.levels.get(key) ?? 0) + q);
  }

  /** `Writer.currentCost`: at the average cost, or the last known cost when there is no stock. */
  private currentCost(productId: number, state: Valuation, q: number): number {
    if (state.q !== 0) return mulDivRound(state.v, q, state.q);
    return valueOf(this.lastCost(productId, state), q);
  }

  /** `Writer.lastUnitCost`. */
  private lastCost(productId: number, state: Valuation): number {
    if (state.q !== 0) return unitCostOf(state.v, state.q) ?? 0;
    const last = this.lastUnitCost.get(productId);
    if (last !== undefined) return last;
    const cost = this.costPrice.get(productId) ?? null;
    if (cost !== null && cost.currency === this.baseCurrency) return cost.amountMinor;
    return 0;
  }

  /** `stock_level` and `stock_valuation` as the movements left them. */
  projections(): void {
    for (const key of [...this.levels.keys()].sort((a, b) => a - b)) {
      this.s.level!.run(Math.floor(key / 4), key % 4, this.levels.get(key) ?? 0);
    }
    for (const id of [...this.valuation.keys()].sort((a, b) => a - b)) {
      const v = this.valuation.get(id);
      if (v) this.s.valuation!.run(id, v.q, v.v);
    }
  }
}
