import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KontorError, ValidationError } from '../../../shared/errors.ts';
import { fieldIssuesFromZod } from '../../../shared/fieldIssues.ts';
import { DOCUMENT_FILTERS, DOCUMENT_KINDS, DocumentListQuerySchema, type DocumentRow } from '../../../shared/invoicing/documents.ts';
import { formatAmount } from '../../../shared/money.ts';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations/index.ts';
import type { OpenedDatabase } from '../../core/db/openDatabase.ts';
import { noContacts } from '../../core/invoicing/buyers.ts';
import { createChromiumRenderer } from '../../core/invoicing/pdf/chromiumRenderer.ts';
import { listDocuments } from '../../core/invoicing/read.ts';
import { createInvoicingService } from '../../core/invoicing/service.ts';
import { documentByNumber, todayIso } from '../../core/invoicing/store.ts';
import { UsageError, type CliCommand, type CommandContext } from '../command.ts';
import { openExistingDatabase } from '../database.ts';

/** `kontor invoices list` and `kontor invoice pdf <number> --out <file>`, on the app's database. */

async function withDatabase<T>(context: CommandContext, work: (database: OpenedDatabase) => Promise<T>): Promise<T> {
  const database = await openExistingDatabase(context.databasePath, context.appVersion);
  try {
    if (database.schemaVersion < LATEST_SCHEMA_VERSION) {
      throw new KontorError('CONFLICT', `The database is at schema version ${database.schemaVersion} and has no invoices yet; run "kontor migrate" first.`);
    }
    return await work(database);
  } finally {
    database.close();
  }
}

function text(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

function statusOf(r: DocumentRow): string {
  if (r.status === 'draft') return 'draft';
  if (r.kind !== 'invoice') return 'issued';
  return r.overdue ? 'overdue' : r.paymentStatus;
}

function table(rows: DocumentRow[], total: number): string {
  if (rows.length === 0) return 'No documents.';
  const header = ['NUMBER', 'KIND', 'DATE', 'DUE', 'BUYER', 'TOTAL', 'OPEN', 'STATUS'];
  const body = rows.map((r) => [
    r.number ?? `(draft #${r.id})`,
    r.kind,
    r.issueDate ?? '',
    r.dueDate ?? '',
    r.buyerName,
    `${formatAmount(r.grossMinor, r.currency)} ${r.currency}`,
    r.kind === 'invoice' && r.status === 'issued' ? `${formatAmount(r.openMinor, r.currency)} ${r.currency}` : '',
    statusOf(r),
  ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const lines = all.map((row) => row.map((cell, i) => (i === 5 || i === 6 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
  if (total > rows.length) lines.push(`(${rows.length} of ${total}; use --offset and --limit for more)`);
  return lines.join('\n');
}

export const invoicesListCommand: CliCommand = {
  name: 'invoices list',
  summary: 'Quotes, proformas, invoices and credit notes, newest first.',
  details: `--status is one of ${DOCUMENT_FILTERS.join(', ')}; --kind one of ${DOCUMENT_KINDS.join(', ')}.\nExample: kontor invoices list --status overdue`,
  args: { min: 0, max: 0 },
  options: {
    status: { type: 'string', valueName: '<status>', description: 'Only these: draft, issued, unpaid, partlyPaid, paid, overdue.' },
    kind: { type: 'string', valueName: '<kind>', description: 'Only quotes, proformas, invoices or credit notes (quote, proforma, invoice, credit_note).' },
    search: { type: 'string', valueName: '<text>', description: 'Part of a number or a buyer’s name.' },
    limit: { type: 'string', valueName: '<n>', description: 'How many (default 100, at most 500).' },
    offset: { type: 'string', valueName: '<n>', description: 'Skip this many first.' },
  },
  json: true,
  async run(context) {
    const parsed = DocumentListQuerySchema.safeParse({
      filter: text(context, 'status') ?? 'all',
      kind: text(context, 'kind'),
      search: text(context, 'search'),
      limit: text(context, 'limit') === undefined ? undefined : Number(text(context, 'limit')),
      offset: text(context, 'offset') === undefined ? undefined : Number(text(context, 'offset')),
    });
    if (!parsed.success) throw new ValidationError(fieldIssuesFromZod(parsed.error));
    const page = await withDatabase(context, (db) => Promise.resolve(listDocuments(db.sqlite, parsed.data, todayIso(new Date()))));
    context.result(table(page.rows, page.total), page);
  },
};

export const invoicePdfCommand: CliCommand = {
  name: 'invoice pdf',
  argsUsage: '<number>',
  summary: 'Write the PDF of an issued document: the file stored when it was issued.',
  details: 'Example: kontor invoice pdf INV-2026-00042 --out INV-2026-00042.pdf\nPrints with Chromium (/usr/bin/chromium or KONTOR_CHROMIUM) if the PDF was never made.',
  args: { min: 1, max: 1 },
  options: { out: { type: 'string', valueName: '<file>', description: 'Where to write the PDF (required).' } },
  json: true,
  async run(context) {
    const [number = ''] = context.args;
    const out = text(context, 'out');
    if (out === undefined) throw new UsageError('invoice pdf needs --out <file>: where to write the PDF', invoicePdfCommand);
    const renderer = createChromiumRenderer();
    try {
      const pdf = await withDatabase(context, async (db) => {
        const id = documentByNumber(db.sqlite, number).id;
        return createInvoicingService(db.db, db.sqlite, { buyers: noContacts, pdf: renderer }).pdf(id);
      });
      const path = resolve(out);
      writeFileSync(path, pdf.data);
      context.result(`Wrote ${pdf.number} to ${path} (${pdf.data.length} bytes, SHA-256 ${pdf.sha256}).`, { number: pdf.number, path, bytes: pdf.data.length, sha256: pdf.sha256 });
    } finally {
      await renderer.close();
    }
  },
};

export const INVOICE_COMMANDS: readonly CliCommand[] = [invoicesListCommand, invoicePdfCommand];
