import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { gtinCheckDigit } from '../../shared/validation/gtin.ts';

/** Bump when the generated files change: the benchmark caches them by name. */
export const IMPORT_FIXTURE_VERSION = 1;
export const FIXTURE_ROWS = 100_000;

export const FIXTURE_HEADERS = [
  'SKU', 'Title', 'Titre', 'Titel', 'Description', 'Prix', 'Prix de gros', 'Cost', 'EAN', 'HS code',
  'Country of origin', 'Brand', 'Catégorie', 'Tags', 'Unit', 'Poids (kg)', 'Gross weight (kg)', 'Length (cm)', 'Width (cm)', 'Status',
];

const CATEGORIES = ['Rugs', 'Ceramics', 'Spices', 'Oils', 'Leather', 'Textiles', 'Lamps', 'Tea', 'Jewellery', 'Baskets'];
const BRANDS = ['Atlas Weavers', 'Fès Pottery', 'Tighanimine', 'Marrakech Leather', 'Sahara Lights'];

/** Row `i` of the 20-column catalogue: every value valid, decimal commas in the French price columns. */
export function fixtureRow(i: number): string[] {
  const body = `611${String(i).padStart(9, '0')}`;
  const price = 500 + ((i * 37) % 50_000);
  const euros = (minor: number) => `${Math.floor(minor / 100)},${String(minor % 100).padStart(2, '0')}`;
  const category = CATEGORIES[i % CATEGORIES.length] ?? 'Rugs';
  return [
    `BENCH-${String(i).padStart(6, '0')}`,
    `${category} item ${i}`,
    `Article ${category.toLowerCase()} ${i}`,
    `Artikel ${i}`,
    `Handmade ${category.toLowerCase()} number ${i}, made in Morocco.`,
    euros(price),
    euros(Math.floor(price * 0.7)),
    (price / 300).toFixed(2),
    `${body}${gtinCheckDigit(body)}`,
    '5701.10',
    'MA',
    BRANDS[i % BRANDS.length] ?? 'Atlas Weavers',
    category,
    `handmade, ${category.toLowerCase()}`,
    'pcs',
    `${1 + (i % 20)},5`,
    `${2 + (i % 20)},0`,
    String(10 + (i % 200)),
    String(10 + (i % 150)),
    i % 3 === 0 ? 'draft' : 'active',
  ];
}

export async function writeFixtureCsv(path: string): Promise<void> {
  if (existsSync(path)) return;
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const line = (cells: string[]) => `${cells.map((c) => (/[;"\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';')}\r\n`;
  out.write(line(FIXTURE_HEADERS));
  for (let i = 0; i < FIXTURE_ROWS; i++) if (!out.write(line(fixtureRow(i)))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  renameSync(partial, path);
}

export async function writeFixtureXlsx(path: string): Promise<void> {
  if (existsSync(path)) return;
  const partial = `${path}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('Products');
  sheet.addRow(FIXTURE_HEADERS).commit();
  for (let i = 0; i < FIXTURE_ROWS; i++) sheet.addRow(fixtureRow(i)).commit();
  await workbook.commit();
  renameSync(partial, path);
}
