import { ContactInputSchema, type ContactInputData } from '../../../../shared/contacts/contact.ts';
import type { ImportPreview, ImportResult, ImportRowIssue } from '../../../../shared/contacts/importExport.ts';
import { CONTACT_FIELD_HEADERS, type ContactImportField, type DetectedFormat } from '../../../../shared/contacts/importFields.ts';
import { nameKey } from '../../../../shared/contacts/nameKey.ts';
import { ValidationError, type FieldIssue } from '../../../../shared/errors.ts';
import { fieldIssuesFromZod } from '../../../../shared/fieldIssues.ts';
import { headerKey, suggestMapping, type ColumnMapping } from '../../../../shared/import/columnMapping.ts';
import { writeTransaction } from '../../db/writeTransaction.ts';
import { insertContact, type Db } from '../contacts.ts';
import { convertRaw, rowToRaw, type Converted, type RawContact } from './rawContact.ts';
import { decodeText, fileKindOf, readCsv, readXlsx, type FileKind } from './readTable.ts';
import { parseVCards } from './vcard.ts';

export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
  mapping?: ColumnMapping<ContactImportField> | undefined;
}

interface ParsedFile {
  fileKind: FileKind;
  format: DetectedFormat;
  headers: string[];
  mapping: ColumnMapping<ContactImportField>;
  raws: RawContact[];
  /** The column (or vCard property) each field is read from, for messages. */
  columnOf: (field: ContactImportField) => string;
}

const VCARD_PROPERTY: Record<ContactImportField, string> = {
  name: 'FN', firstName: 'N', lastName: 'N', organisation: 'ORG', jobTitle: 'TITLE', kind: 'KIND', role: 'role',
  email1: 'EMAIL', email2: 'EMAIL', email3: 'EMAIL', phone1: 'TEL', phone2: 'TEL', phone3: 'TEL', website: 'URL',
  street: 'ADR', street2: 'ADR', postalCode: 'ADR', city: 'ADR', region: 'ADR', country: 'ADR',
  vatId: 'VAT', ice: 'ICE', taxId: 'tax ID', tags: 'CATEGORIES', notes: 'NOTE', language: 'LANG', currency: 'currency',
  paymentDays: 'payment days', source: 'source',
};

function detectFormat(headers: readonly string[]): DetectedFormat {
  const keys = new Set(headers.map(headerKey));
  const has = (...names: string[]) => names.every((n) => keys.has(headerKey(n)));
  if (has('E-mail 1 - Value') || has('Given Name', 'Family Name')) return 'google';
  if (has('E-mail Address', 'Business Street') || has('Business Country/Region')) return 'outlook';
  if (has('Name', 'Kind', 'Role', 'VAT ID')) return 'kontor';
  return 'generic';
}

async function parseFile(file: ImportFile): Promise<ParsedFile> {
  const fileKind = fileKindOf(file.fileName, file.bytes);
  if (fileKind === 'vcard') {
    const raws = parseVCards(decodeText(file.bytes));
    if (raws.length === 0) {
      throw new ValidationError([{ path: 'file', key: 'contacts.import.noCards', message: `${file.fileName} holds no vCard (BEGIN:VCARD … END:VCARD).`, params: { file: file.fileName } }]);
    }
    return { fileKind, format: 'generic', headers: [], mapping: {}, raws, columnOf: (f) => VCARD_PROPERTY[f] };
  }
  const table = fileKind === 'xlsx' ? await readXlsx(file.bytes, file.fileName) : readCsv(decodeText(file.bytes), file.fileName);
  const mapping = file.mapping ?? suggestMapping(table.headers, CONTACT_FIELD_HEADERS);
  for (const [field, index] of Object.entries(mapping)) {
    if (index !== undefined && index >= table.headers.length) {
      throw new ValidationError([{ path: `mapping.${field}`, key: 'contacts.import.noColumn', message: `The file has no column ${index + 1}.`, params: { column: index + 1 } }]);
    }
  }
  const named = ['name', 'firstName', 'lastName', 'organisation'] as const;
  if (!named.some((f) => mapping[f] !== undefined)) {
    throw new ValidationError([
      { path: 'mapping.name', key: 'contacts.import.noNameColumn', message: 'Choose the column that holds the name (or first and last name, or company).' },
    ]);
  }
  return {
    fileKind,
    format: detectFormat(table.headers),
    headers: table.headers,
    mapping,
    // Row numbers as a spreadsheet shows them: the header is row 1.
    raws: table.rows.map((row, i) => rowToRaw(row, mapping, i + 2)),
    columnOf: (f) => {
      const index = mapping[f];
      return index === undefined ? f : (table.headers[index] ?? f);
    },
  };
}

/** The file field an input path came from: the longest registered prefix ("emails.1.address" → email2). */
function fieldOf(converted: Converted, path: string): ContactImportField {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const field = converted.fields[parts.slice(0, n).join('.')];
    if (field !== undefined) return field;
  }
  return 'name';
}

interface CheckedRow {
  line: number;
  organisation: ContactInputData | null;
  person: ContactInputData | null;
  issues: ImportRowIssue[];
}

function checkRow(raw: RawContact, columnOf: ParsedFile['columnOf']): CheckedRow {
  const converted = convertRaw(raw);
  const issues: ImportRowIssue[] = converted.issues.map((i) => ({ row: raw.line, field: i.field, column: columnOf(i.field), key: i.key, message: i.message, ...(i.params ? { params: i.params } : {}) }));
  const parse = (c: Converted | null): ContactInputData | null => {
    if (c === null) return null;
    const result = ContactInputSchema.safeParse(c.input);
    if (result.success) return result.data;
    for (const issue of fieldIssuesFromZod(result.error)) {
      const field = fieldOf(c, issue.path);
      // An issue on a field the file had no column for is still the row's problem, named by its field.
      issues.push({ row: raw.line, field, column: columnOf(field), key: issue.key, message: issue.message, ...(issue.params ? { params: issue.params } : {}) });
    }
    return null;
  };
  const organisation = parse(converted.organisation);
  const person = parse(converted.person);
  // One message per column: an unreadable country is reported once, not again by the schema.
  const seen = new Set<string>();
  const distinct = issues.filter((i) => !seen.has(i.field) && seen.add(i.field));
  return { line: raw.line, organisation, person, issues: distinct };
}

/** Keys that make two contacts the same for an import: tax IDs, emails, phones. */
function strongKeys(data: ContactInputData): string[] {
  return [
    ...data.taxIds.map((t) => `tax:${t.scheme}:${t.value}`),
    ...data.emails.map((e) => `email:${e.address.toLowerCase()}`),
    ...data.phones.map((p) => `phone:${p.number}`),
  ];
}

async function existingMatch(db: Db, data: ContactInputData): Promise<{ id: number; name: string; reason: string } | null> {
  for (const t of data.taxIds) {
    const row = await db.selectFrom('contact_tax_id as t').innerJoin('contact as c', 'c.id', 't.contact_id').select(['c.id', 'c.name']).where('t.value', '=', t.value).where('t.scheme', '=', t.scheme).executeTakeFirst();
    if (row) return { ...row, reason: 'taxId' };
  }
  for (const e of data.emails) {
    const row = await db.selectFrom('contact_email as e').innerJoin('contact as c', 'c.id', 'e.contact_id').select(['c.id', 'c.name']).where('e.address_key', '=', e.address.toLowerCase()).executeTakeFirst();
    if (row) return { ...row, reason: 'email' };
  }
  for (const p of data.phones) {
    const row = await db.selectFrom('contact_phone as p').innerJoin('contact as c', 'c.id', 'p.contact_id').select(['c.id', 'c.name']).where('p.number', '=', p.number).executeTakeFirst();
    if (row) return { ...row, reason: 'phone' };
  }
  return null;
}

interface Plan {
  parsed: ParsedFile;
  rows: CheckedRow[];
  invalid: CheckedRow[];
  duplicates: { row: number; contactId: number | null; name: string; reason: string }[];
  duplicateLines: Set<number>;
}

async function plan(db: Db, file: ImportFile): Promise<Plan> {
  const parsed = await parseFile(file);
  const rows = parsed.raws.map((raw) => checkRow(raw, parsed.columnOf));
  const invalid = rows.filter((r) => r.issues.length > 0);
  const duplicates: Plan['duplicates'] = [];
  const duplicateLines = new Set<number>();
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.issues.length > 0) continue;
    // The person carries the emails and phones when a row names both; the organisation the tax IDs.
    for (const data of [row.person, row.organisation]) {
      if (data === null || duplicateLines.has(row.line)) continue;
      const earlier = strongKeys(data).map((k) => seen.get(k)).find((l) => l !== undefined);
      const existing = earlier === undefined ? await existingMatch(db, data) : null;
      if (earlier !== undefined) {
        duplicates.push({ row: row.line, contactId: null, name: data.name, reason: `row ${earlier}` });
        duplicateLines.add(row.line);
      } else if (existing !== null && (data === row.person || row.person === null)) {
        duplicates.push({ row: row.line, contactId: existing.id, name: existing.name, reason: existing.reason });
        duplicateLines.add(row.line);
      }
      for (const k of strongKeys(data)) if (!seen.has(k)) seen.set(k, row.line);
    }
  }
  return { parsed, rows, invalid, duplicates, duplicateLines };
}

const MAX_LISTED = 200;

export async function previewImport(db: Db, file: ImportFile): Promise<ImportPreview> {
  const p = await plan(db, file);
  return {
    fileKind: p.parsed.fileKind,
    format: p.parsed.format,
    headers: p.parsed.headers,
    mapping: p.parsed.mapping,
    rowCount: p.rows.length,
    sample: p.parsed.raws.slice(0, 20).map((raw, i) => {
      const row = p.rows[i]!;
      const main = row.person ?? row.organisation;
      return {
        row: raw.line,
        name: main?.name ?? (raw.name || [raw.firstName, raw.lastName].filter(Boolean).join(' ') || raw.organisation),
        organisation: row.organisation?.name ?? (raw.organisation || null),
        email: raw.emails[0] ?? null,
        phone: main?.phones[0]?.number ?? raw.phones[0] ?? null,
        country: (row.organisation ?? row.person)?.addresses[0]?.country ?? raw.addresses[0]?.country ?? null,
        ok: row.issues.length === 0,
      };
    }),
    invalidCount: p.invalid.length,
    duplicateCount: p.duplicates.length,
    issues: p.invalid.flatMap((r) => r.issues).slice(0, MAX_LISTED),
    duplicates: p.duplicates.slice(0, MAX_LISTED),
  };
}

function asFieldIssue(i: ImportRowIssue): FieldIssue {
  return {
    path: `rows.${i.row}.${i.field}`,
    key: i.key,
    message: `Row ${i.row}, ${i.column}: ${i.message}`,
    params: { ...(i.params ?? {}), row: i.row, column: i.column },
  };
}

export interface RunOptions {
  invalidRows: 'refuse' | 'skip';
  duplicates: 'skip' | 'create';
  now?: Date;
}

/**
 * Imports a file in one transaction. With invalidRows 'refuse', a single bad row refuses the whole
 * file and every problem is reported with its row and column; nothing is written.
 */
export async function runImport(db: Db, file: ImportFile, options: RunOptions): Promise<ImportResult> {
  const p = await plan(db, file);
  if (p.invalid.length > 0 && options.invalidRows === 'refuse') {
    const issues = p.invalid.flatMap((r) => r.issues).slice(0, MAX_LISTED).map(asFieldIssue);
    throw new ValidationError(issues, `${p.invalid.length} of ${p.rows.length} rows of ${file.fileName} cannot be imported; nothing was written. ${issues.slice(0, 3).map((i) => i.message).join(' ')}`);
  }
  const event = { kind: 'imported' as const, details: { file: file.fileName } };
  const counts = await writeTransaction(db, async (trx) => {
    let organisationsCreated = 0;
    let peopleCreated = 0;
    let organisationsReused = 0;
    const organisationByKey = new Map<string, number>();
    for (const row of p.rows) {
      if (row.issues.length > 0) continue;
      if (p.duplicateLines.has(row.line) && options.duplicates === 'skip') continue;
      let organisationId: number | null = null;
      if (row.organisation !== null) {
        const key = nameKey(row.organisation.name);
        organisationId = organisationByKey.get(key) ?? null;
        if (organisationId === null) {
          // The company a person works for is found by tax ID, email or phone, else by its name key.
          const sameIds = await existingMatch(trx, row.organisation);
          const sameName = sameIds ?? (await trx.selectFrom('contact').select('id').where('name_key', '=', key).where('kind', '=', 'organisation').orderBy('id').executeTakeFirst());
          organisationId = sameName?.id ?? null;
          if (organisationId !== null) organisationsReused++;
        }
        if (organisationId === null) {
          organisationId = await insertContact(trx, row.organisation, { event, ...(options.now ? { now: options.now } : {}) });
          organisationsCreated++;
        }
        organisationByKey.set(key, organisationId);
      }
      if (row.person !== null) {
        const data = organisationId === null ? row.person : { ...row.person, organisationId };
        const id = await insertContact(trx, data, { event, ...(options.now ? { now: options.now } : {}) });
        if (row.person.kind === 'organisation') {
          organisationsCreated++;
          organisationByKey.set(nameKey(row.person.name), id);
        } else peopleCreated++;
      }
    }
    return { organisationsCreated, peopleCreated, organisationsReused };
  });
  return {
    format: p.parsed.format,
    created: counts.organisationsCreated + counts.peopleCreated,
    ...counts,
    skippedDuplicates: options.duplicates === 'skip' ? p.duplicates : [],
    skippedInvalid: p.invalid.map((r) => ({ row: r.line, issues: r.issues })),
  };
}
