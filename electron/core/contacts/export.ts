import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { sql } from 'kysely';
import type { ContactListQueryData } from '../../../shared/contacts/list.ts';
import type { ExportFile } from '../../../shared/contacts/importExport.ts';
import { buildFtsQuery } from '../../../shared/text/fold.ts';
import type { Db } from './contacts.ts';
import { filtersOf } from './list.ts';

/*
 * Contacts to XLSX or CSV, one row per contact, with the headers the import recognises, so an
 * exported file can be edited and imported again. A contact's first billing address (else its first
 * address) and up to three emails and phones are written; further addresses stay in Kontor.
 */

export const EXPORT_COLUMNS = [
  'Name', 'Kind', 'Role', 'Organisation', 'Job Title', 'Email', 'Email 2', 'Email 3', 'Phone', 'Phone 2', 'Phone 3',
  'Website', 'Street', 'Address line 2', 'Postal Code', 'City', 'Region', 'Country', 'VAT ID', 'ICE', 'Tax ID',
  'Tags', 'Notes', 'Language', 'Currency', 'Payment days', 'Source',
] as const;

interface ExportRow {
  name: string; kind: string; role: string; organisation: string | null; job_title: string | null;
  emails: string; phones: string; website: string | null;
  line1: string | null; line2: string | null; postal_code: string | null; city: string | null; region: string | null; country: string | null;
  vat: string | null; ice: string | null; other_tax: string | null; tags: string | null; notes: string | null;
  language: string | null; currency: string | null; payment_terms_kind: string; payment_terms_days: number | null; source: string | null; source_detail: string | null;
}

async function exportRows(db: Db, filter: Partial<Pick<ContactListQueryData, 'country' | 'tag' | 'role' | 'kind' | 'search'>>): Promise<string[][]> {
  const fts = filter.search === undefined ? null : buildFtsQuery(filter.search);
  const filters = filtersOf(filter);
  const where = filters.length === 0 ? sql`1` : sql.join(filters, sql` AND `);
  const from = fts === null ? sql`contact c` : sql`(SELECT rowid AS id FROM contact_search WHERE contact_search MATCH ${fts}) h JOIN contact c ON c.id = h.id`;
  // The address written is the first billing one, else the first of any kind.
  const address = sql`(SELECT a.position FROM contact_address a WHERE a.contact_id = c.id ORDER BY a.kind <> 'billing', a.position LIMIT 1)`;
  const result = await sql<ExportRow>`
    SELECT c.name, c.kind, c.role, o.name AS organisation, c.job_title, c.website, c.notes, c.language, c.currency,
      c.payment_terms_kind, c.payment_terms_days, c.source, c.source_detail,
      coalesce((SELECT json_group_array(address) FROM (SELECT e.address FROM contact_email e WHERE e.contact_id = c.id ORDER BY e.position LIMIT 3)), '[]') AS emails,
      coalesce((SELECT json_group_array(number) FROM (SELECT p.number FROM contact_phone p WHERE p.contact_id = c.id ORDER BY p.position LIMIT 3)), '[]') AS phones,
      a.line1, a.line2, a.postal_code, a.city, a.region, a.country,
      (SELECT group_concat(t.value, ' ') FROM contact_tax_id t WHERE t.contact_id = c.id AND t.scheme = 'EU_VAT') AS vat,
      (SELECT group_concat(t.value, ' ') FROM contact_tax_id t WHERE t.contact_id = c.id AND t.scheme = 'MA_ICE') AS ice,
      (SELECT group_concat(t.value, ' ') FROM contact_tax_id t WHERE t.contact_id = c.id AND t.scheme NOT IN ('EU_VAT', 'MA_ICE')) AS other_tax,
      (SELECT group_concat(g.tag, ', ') FROM contact_tag g WHERE g.contact_id = c.id) AS tags
    FROM ${from}
    LEFT JOIN contact o ON o.id = c.organisation_id
    LEFT JOIN contact_address a ON a.contact_id = c.id AND a.position = ${address}
    WHERE ${where}
    ORDER BY c.name COLLATE NOCASE, c.id`.execute(db);
  return result.rows.map((r) => {
    const emails = JSON.parse(r.emails) as string[];
    const phones = JSON.parse(r.phones) as string[];
    return [
      r.name, r.kind, r.role, r.organisation ?? '', r.job_title ?? '',
      emails[0] ?? '', emails[1] ?? '', emails[2] ?? '', phones[0] ?? '', phones[1] ?? '', phones[2] ?? '',
      r.website ?? '', r.line1 ?? '', r.line2 ?? '', r.postal_code ?? '', r.city ?? '', r.region ?? '', r.country ?? '',
      r.vat ?? '', r.ice ?? '', r.other_tax ?? '', r.tags ?? '', r.notes ?? '', r.language ?? '', r.currency ?? '',
      r.payment_terms_kind === 'net' && r.payment_terms_days !== null ? String(r.payment_terms_days) : '',
      r.source_detail ?? r.source ?? '',
    ];
  });
}

/**
 * A spreadsheet reads a cell starting with =, +, -, @ as a formula (CSV injection): such text gets
 * a leading apostrophe. A phone number such as "+4940…" is left alone: it is digits only.
 */
export function csvSafe(value: string): string {
  if (/^[=@\t\r]/.test(value)) return `'${value}`;
  if (/^[+-]/.test(value) && !/^[+-][\d\s().-]*$/.test(value)) return `'${value}`;
  return value;
}

export async function exportContacts(db: Db, input: { format: 'xlsx' | 'csv'; filter?: Partial<Pick<ContactListQueryData, 'country' | 'tag' | 'role' | 'kind' | 'search'>> | undefined }, now = new Date()): Promise<ExportFile> {
  const rows = await exportRows(db, input.filter ?? {});
  const stamp = now.toISOString().slice(0, 10);
  if (input.format === 'csv') {
    // The BOM makes Excel read the file as UTF-8 (Arabic and accented names intact).
    const text = '\uFEFF' + Papa.unparse({ fields: [...EXPORT_COLUMNS], data: rows.map((r) => r.map(csvSafe)) }, { newline: '\r\n' });
    return { fileName: `contacts-${stamp}.csv`, mimeType: 'text/csv', dataBase64: Buffer.from(text, 'utf-8').toString('base64'), rows: rows.length };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kontor';
  const sheet = workbook.addWorksheet('Contacts', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((header) => ({ header, key: header, width: header === 'Name' || header === 'Notes' ? 32 : header.startsWith('Email') || header === 'Street' ? 28 : 16 }));
  sheet.getRow(1).font = { bold: true };
  // Phones, postal codes and tax IDs are text: Excel must not drop a leading zero or turn +49… into a number.
  for (const header of ['Phone', 'Phone 2', 'Phone 3', 'Postal Code', 'VAT ID', 'ICE', 'Tax ID'] as const) sheet.getColumn(header).numFmt = '@';
  for (const row of rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    fileName: `contacts-${stamp}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    dataBase64: Buffer.from(buffer).toString('base64'),
    rows: rows.length,
  };
}
