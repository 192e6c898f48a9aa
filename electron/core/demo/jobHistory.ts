import { INTERRUPTED_MESSAGE } from '../jobs/jobStore.ts';
import type { Rng } from './random.ts';

/** One `job` row as stored: JSON columns already serialised. */
export interface JobHistoryRow {
  kind: string;
  status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  input: string;
  done: number;
  total: number;
  message: string | null;
  result: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string;
  finishedAt: string;
}

export const JOB_HISTORY_START = '2021-03-01T08:00:00.000Z';
const JOB_HISTORY_END = '2025-06-30T18:00:00.000Z';

const PAGE_SIZE = 4096;

/*
 * Besides today's kinds (database.backup, demo.generate) the history holds the kinds the roadmap
 * adds (products.import, marketplace.upload, invoices.export), shaped as those features are
 * sketched: a large database of a few years' use is mostly their inputs and results.
 */
const HOMES = [
  { dir: '/home/amina/.config/Kontor', sep: '/' },
  { dir: 'C:\\Users\\Youssef\\AppData\\Roaming\\Kontor', sep: '\\' },
  { dir: '/Users/karim/Library/Application Support/Kontor', sep: '/' },
] as const;

const IMPORT_FILES = [
  'catalogue-printemps-{y}.xlsx',
  'tapis-berberes-stock-{m}-{y}.csv',
  'ceramique-safi-{y}.xlsx',
  'huile-argan-tarifs-{y}.csv',
  'nouveautes-{m}-{y}.xlsx',
  'inventaire-casablanca-{m}-{y}.xlsx',
] as const;

const COLUMN_MAPS = [
  { sku: 'Réf.', name: 'Désignation', description: 'Description', priceMad: 'Prix HT (MAD)', stock: 'Stock', hsCode: 'Code SH', weightKg: 'Poids (kg)', originCountry: 'Origine' },
  { sku: 'SKU', name: 'Nom', priceEur: 'Prix export (EUR)', stock: 'Qté Casablanca', material: 'Matière', dimensions: 'Dimensions (cm)' },
  { sku: 'Code article', name: 'Article', priceMad: 'PU', stock: 'Disponible', hsCode: 'Nomenclature', batch: 'Lot' },
] as const;

const IMPORT_ISSUES = [
  { path: 'priceMad', key: 'validation.too_small.number', message: 'The price must be at least 0.' },
  { path: 'sku', key: 'validation.required', message: 'This field is required.' },
  { path: 'hsCode', key: 'validation.hsCode', message: 'An HS code has 6 to 10 digits, e.g. 5701.10.' },
  { path: 'weightKg', key: 'validation.invalid_type', message: 'Expected a number, got "2,5 kg".' },
  { path: 'originCountry', key: 'validation.country', message: 'Choose a country from the list (ISO 3166 code).' },
  { path: 'name', key: 'validation.too_big.string', message: 'The name has at most 200 characters.' },
] as const;

const MARKETPLACES = ['etsy', 'amazon.fr', 'amazon.de', 'jumia.ma', 'faire'] as const;
const REJECTIONS = [
  'Missing GTIN/EAN for this category.',
  'Main image is smaller than 1000 × 1000 px.',
  'Title is longer than 140 characters.',
  'Category "Rugs" requires the material attribute.',
  'Price is below the marketplace minimum.',
  'Shipping profile "Maroc → UE" no longer exists.',
] as const;

const FAILURES: Record<string, readonly { code: string; message: string }[]> = {
  'database.backup': [
    { code: 'INTERNAL', message: 'The database.backup job hit an unexpected problem: SQLITE_FULL: database or disk is full' },
    { code: 'INTERNAL', message: 'The database.backup job hit an unexpected problem: EACCES: permission denied' },
  ],
  'products.import': [
    { code: 'VALIDATION', message: 'The file has no header row with a column for the product reference.' },
    { code: 'NOT_FOUND', message: 'The sheet "Produits" is not in the workbook.' },
  ],
  'marketplace.upload': [
    { code: 'UNAUTHORIZED', message: 'The marketplace refused the saved credentials; connect the shop again.' },
    { code: 'INTERNAL', message: 'The marketplace.upload job hit an unexpected problem: connect ETIMEDOUT' },
  ],
  'invoices.export': [{ code: 'INTERNAL', message: 'The invoices.export job hit an unexpected problem: ENOSPC: no space left on device' }],
};

type Kind = 'database.backup' | 'products.import' | 'marketplace.upload' | 'invoices.export';
const KIND_WEIGHTS: readonly (readonly [Kind, number])[] = [
  ['database.backup', 45],
  ['products.import', 22],
  ['marketplace.upload', 21],
  ['invoices.export', 12],
];
const STATUS_WEIGHTS: readonly (readonly [JobHistoryRow['status'], number])[] = [
  ['succeeded', 93],
  ['failed', 3],
  ['cancelled', 3],
  ['interrupted', 1],
];

export interface JobHistory {
  next(): JobHistoryRow;
}

/** Rows in creation order from March 2021, spread so `expectedRows` of them end mid-2025. */
export function createJobHistory(rng: Rng, options: { expectedRows: number }): JobHistory {
  const home = rng.pick(HOMES);
  const start = Date.parse(JOB_HISTORY_START);
  const span = Date.parse(JOB_HISTORY_END) - start;
  const meanGap = span / Math.max(1, options.expectedRows);
  let clock = start;
  let index = 0;
  let productCount = 40;

  const iso = (ms: number): string => new Date(ms).toISOString();

  const next = (): JobHistoryRow => {
    const createdMs = Math.round(clock);
    const created = new Date(createdMs);
    const progress = Math.min(1, (createdMs - start) / span);
    productCount = Math.round(40 + progress * 1800);
    clock += meanGap * (0.2 + 1.6 * rng.next());
    index++;

    const first = index === 1;
    const kind = first ? 'demo.generate' : rng.weighted(KIND_WEIGHTS);
    const status = first ? 'succeeded' : rng.weighted(STATUS_WEIGHTS);
    const startedMs = createdMs + rng.int(3, 60);
    let durationMs: number;
    let input: unknown = {};
    let result: unknown = null;
    let total: number;

    switch (kind) {
      case 'demo.generate':
        total = 1;
        durationMs = rng.int(200, 900);
        result = { legalName: 'Atlas Tapis & Céramique SARL', created: { company: 1 } };
        break;
      case 'database.backup': {
        total = Math.round(1500 + progress * 260_000 * (0.95 + 0.1 * rng.next()));
        durationMs = Math.round(total * 0.04 + rng.int(50, 400));
        const stamp = created.toISOString().replace(/[:.]/g, '-');
        result = { path: `${home.dir}${home.sep}backups${home.sep}kontor-${stamp}.sqlite`, bytes: total * PAGE_SIZE };
        break;
      }
      case 'products.import': {
        const rows = rng.int(5, 600);
        const issues = rng.chance(0.6) ? rng.int(0, Math.min(25, rows)) : 0;
        const year = created.getUTCFullYear();
        const month = String(created.getUTCMonth() + 1).padStart(2, '0');
        input = {
          file: rng.pick(IMPORT_FILES).replace('{y}', String(year)).replace('{m}', month),
          sheet: rng.chance(0.5) ? 'Produits' : null,
          firstRow: rng.int(1, 3),
          columns: rng.pick(COLUMN_MAPS),
          onDuplicate: rng.pick(['update', 'skip'] as const),
        };
        const issueList = Array.from({ length: issues }, () => ({ row: rng.int(2, rows + 1), ...rng.pick(IMPORT_ISSUES) }));
        const updated = rng.int(0, rows - issues);
        result = { created: rows - issues - updated, updated, skipped: issues, issues: issueList };
        total = rows;
        durationMs = rows * rng.int(4, 20) + rng.int(300, 1500);
        break;
      }
      case 'marketplace.upload': {
        const count = rng.int(1, 60);
        const productIds = Array.from({ length: count }, () => rng.int(1, productCount));
        const rejected = productIds.filter(() => rng.chance(0.08)).map((productId) => ({ productId, reason: rng.pick(REJECTIONS) }));
        const marketplace = rng.pick(MARKETPLACES);
        input = { marketplace, productIds, updateStock: rng.chance(0.7), updatePrices: rng.chance(0.4) };
        result = { marketplace, uploaded: count - rejected.length, rejected };
        total = count;
        durationMs = count * rng.int(400, 2500);
        break;
      }
      case 'invoices.export': {
        const year = created.getUTCFullYear();
        const quarter = Math.floor(created.getUTCMonth() / 3) + 1;
        const invoices = rng.int(8, 220);
        const format = rng.pick(['pdf', 'csv', 'xlsx'] as const);
        input = { from: `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`, to: created.toISOString().slice(0, 10), format, language: rng.pick(['fr', 'en', 'de'] as const) };
        result = { path: `${home.dir}${home.sep}exports${home.sep}factures-${year}-T${quarter}.${format === 'pdf' ? 'zip' : format}`, invoices, bytes: invoices * rng.int(9_000, 60_000) };
        total = invoices;
        durationMs = invoices * rng.int(20, 120);
        break;
      }
    }

    let done = total;
    let error: unknown = null;
    // What the runner leaves in `message` when a job ends.
    let message = 'Done';
    if (status !== 'succeeded') {
      done = Math.floor(total * rng.next());
      durationMs = Math.round(durationMs * (done / Math.max(1, total)));
      result = null;
      if (status === 'failed') {
        error = rng.pick(FAILURES[kind] ?? [{ code: 'INTERNAL', message: 'Unexpected problem.' }]);
        message = (error as { message: string }).message;
      } else if (status === 'cancelled') {
        message = 'Cancelled; nothing was kept.';
      } else {
        message = INTERRUPTED_MESSAGE;
      }
    }

    return {
      kind,
      status,
      input: JSON.stringify(input),
      done,
      total,
      message,
      result: result === null ? null : JSON.stringify(result),
      error: error === null ? null : JSON.stringify(error),
      createdAt: iso(createdMs),
      startedAt: iso(startedMs),
      finishedAt: iso(startedMs + durationMs),
    };
  };

  return { next };
}

/**
 * Rows of a batch in one string plus offsets: a worker thread hands a batch over as one copy of
 * text instead of cloning tens of thousands of objects, which costs as much as making them.
 */
export interface PackedJobHistory {
  count: number;
  text: string;
  /** Start of each text field, 9 per row, plus one end offset. */
  offsets: Uint32Array;
  /** 1 where a text field is NULL. */
  nulls: Uint8Array;
  /** done, total per row. */
  numbers: Float64Array;
}

const TEXT_FIELDS = 9;

export function packJobHistory(rows: readonly JobHistoryRow[]): PackedJobHistory {
  const parts: string[] = [];
  const offsets = new Uint32Array(rows.length * TEXT_FIELDS + 1);
  const nulls = new Uint8Array(rows.length * TEXT_FIELDS);
  const numbers = new Float64Array(rows.length * 2);
  let at = 0;
  let slot = 0;
  const add = (value: string | null): void => {
    offsets[slot] = at;
    if (value === null) nulls[slot] = 1;
    else {
      parts.push(value);
      at += value.length;
    }
    slot++;
  };
  rows.forEach((r, i) => {
    add(r.kind);
    add(r.status);
    add(r.input);
    add(r.message);
    add(r.result);
    add(r.error);
    add(r.createdAt);
    add(r.startedAt);
    add(r.finishedAt);
    numbers[i * 2] = r.done;
    numbers[i * 2 + 1] = r.total;
  });
  offsets[slot] = at;
  return { count: rows.length, text: parts.join(''), offsets, nulls, numbers };
}

/** Calls `row` with the columns of each packed row, in INSERT order, without building objects. */
export function forEachPackedRow(
  batch: PackedJobHistory,
  row: (
    kind: string,
    status: string,
    input: string,
    done: number,
    total: number,
    message: string | null,
    result: string | null,
    error: string | null,
    createdAt: string,
    startedAt: string,
    finishedAt: string,
  ) => void,
): void {
  const { text, offsets, nulls, numbers } = batch;
  const field = (slot: number): string | null =>
    nulls[slot] === 1 ? null : text.slice(offsets[slot] ?? 0, offsets[slot + 1] ?? 0);
  const required = (slot: number): string => field(slot) ?? '';
  for (let i = 0; i < batch.count; i++) {
    const s = i * TEXT_FIELDS;
    row(
      required(s),
      required(s + 1),
      required(s + 2),
      numbers[i * 2] ?? 0,
      numbers[i * 2 + 1] ?? 0,
      field(s + 3),
      field(s + 4),
      field(s + 5),
      required(s + 6),
      required(s + 7),
      required(s + 8),
    );
  }
}
