import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { damagedXlsxError } from '../errors.ts';
import type { ZipEntry } from './zipCheck.ts';

/**
 * The names of the worksheets exceljs's streaming reader hands out, in the workbook's order, read
 * from the two small parts that say so (xl/workbook.xml and its relationships) instead of from a
 * first pass of the reader: in most workbooks those parts come after the sheets, so that pass read,
 * unpacked and copied the whole file once more (1.5 s of a 100,000-row import). The rule is the
 * reader's own: a <sheet> whose relationship points at worksheets/sheetN.xml, a part that exists.
 * Chart sheets and sheets the reader could not name are left out, so they are never offered.
 */
export async function worksheetNames(path: string, fileName: string, entries: readonly ZipEntry[]): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    return await namesIn(handle, fileName, entries);
  } finally {
    await handle.close();
  }
}

async function namesIn(handle: FileHandle, fileName: string, entries: readonly ZipEntry[]): Promise<string[]> {
  const read = (name: string) => partText(handle, fileName, entries, name);
  const relationships = new Map<string, string>();
  const rels = await read('xl/_rels/workbook.xml.rels');
  if (rels !== null) {
    parseXml(rels, fileName, 'xl/_rels/workbook.xml.rels', (name, attributes) => {
      if (name === 'Relationship' && attributes.Id !== undefined && attributes.Target !== undefined) relationships.set(attributes.Id, attributes.Target);
    });
  }
  const parts = new Set(entries.map((e) => e.name));
  const names: string[] = [];
  const workbook = (await read('xl/workbook.xml')) ?? '';
  parseXml(workbook, fileName, 'xl/workbook.xml', (name, attributes) => {
    if (name !== 'sheet' || attributes.name === undefined) return;
    const target = relationships.get(attributes['r:id'] ?? '');
    if (target !== undefined && /^worksheets\/sheet\d+\.xml$/.test(target) && parts.has(`xl/${target}`)) names.push(attributes.name);
  });
  return names;
}

async function partText(handle: FileHandle, fileName: string, entries: readonly ZipEntry[], name: string): Promise<string | null> {
  const entry = entries.find((e) => e.name === name);
  if (!entry) return null;
  const packed = Buffer.alloc(entry.compressedSize);
  await handle.read(packed, 0, entry.compressedSize, entry.dataOffset);
  // A byte-order mark is allowed before the XML declaration; the parser wants the text without it.
  const text = (bytes: Buffer) => bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (entry.method === 0) return text(packed);
  if (entry.method !== 8) throw damagedXlsxError(fileName, `the part ${name} is packed with method ${entry.method}, which XLSX does not use`);
  try {
    return text(inflateRawSync(packed));
  } catch (error) {
    throw damagedXlsxError(fileName, `the part ${name} cannot be unpacked: ${(error as Error).message}`);
  }
}

function parseXml(text: string, fileName: string, part: string, element: (name: string, attributes: Record<string, string | undefined>) => void): void {
  const parser = new SaxesParser();
  parser.on('opentag', (node) => element(node.name, node.attributes as Record<string, string>));
  try {
    parser.write(text).close();
  } catch (error) {
    throw damagedXlsxError(fileName, `the part ${part} is not well-formed XML: ${(error as Error).message}`);
  }
}
