import type { Database } from 'better-sqlite3';
import type { Language } from '../../../shared/contract/app.ts';
import { ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import type { BuyerSnapshot, DraftData } from '../../../shared/invoicing/documents.ts';
import { computeTotals } from '../../../shared/invoicing/totals.ts';
import { cached, findWarehouse } from '../stock/resolve.ts';
import { resolveLines, type LineContext, type LineDraft, type ResolvedLine } from './lines.ts';
import { buyerOf, companyOf, documentRow, fail, languageOr, lineRows, resolvedOf, type DocumentRow } from './store.ts';

/**
 * Drafts: created, edited and deleted freely. Lines are resolved (catalog name and price, tax
 * decided) on every save so the editor shows live totals; issuing decides the tax again against the
 * frozen buyer.
 */

export interface SaveDraft extends Omit<DraftData, 'currency'> {
  currency: string | null;
  id?: number | undefined;
  /** The revision the editor started from: a save on a stale copy is refused. */
  revision?: number | undefined;
  /** Set by a conversion (quote → proforma → invoice): the document this one comes from. */
  sourceId?: number | undefined;
}

export function lineDraftOf(line: DraftData['lines'][number]): LineDraft {
  return {
    sku: line.sku,
    name: line.name,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discount: line.discount,
    taxClass: line.taxClass,
    supply: line.supply,
    taxOverride: line.taxOverride,
    creditOfLineId: line.creditOfLineId,
  };
}

/** The issued invoice a credit note refers to, with its lines by id. */
export function creditedInvoice(sqlite: Database, invoiceId: number, path = 'creditOfId'): { row: DocumentRow; lines: Map<number, ResolvedLine & { id: number }> } {
  const row = cached(sqlite, 'SELECT * FROM document WHERE id = ?').get(invoiceId) as DocumentRow | undefined;
  if (!row || row.kind !== 'invoice' || row.status !== 'issued') {
    fail(path, 'invoices.creditNote.notAnInvoice', `Document #${invoiceId} is not an issued invoice: a credit note corrects an issued invoice.`, { id: invoiceId });
  }
  return { row, lines: new Map(lineRows(sqlite, invoiceId).map((l) => [l.id, resolvedOf(l)])) };
}

interface PreparedDraft {
  currency: string;
  frozenBuyer: BuyerSnapshot;
  language: Language;
  lines: ResolvedLine[];
  issues: FieldIssue[];
}

/** The buyer, currency, language and resolved lines a draft would have; reads only. */
function prepareDraft(sqlite: Database, input: SaveDraft, buyer: BuyerSnapshot): PreparedDraft {
  const company = companyOf(sqlite);
  let currency = input.currency ?? buyer.currency ?? company.base_currency;
  let frozenBuyer = buyer;
  let creditedLines: LineContext['creditedLines'];
  if (input.kind === 'credit_note') {
    if (input.creditOfId === null) fail('creditOfId', 'invoices.creditNote.invoiceRequired', 'Choose the invoice this credit note corrects.');
    const invoice = creditedInvoice(sqlite, input.creditOfId);
    // A credit note is in the invoice's currency, to the invoice's buyer, whatever the input says.
    currency = invoice.row.currency;
    frozenBuyer = buyerOf(invoice.row);
    creditedLines = invoice.lines;
  } else if (input.creditOfId !== null) {
    fail('creditOfId', 'invoices.creditOfOnlyCreditNote', 'Only a credit note refers to an invoice it corrects.');
  }
  const language = languageOr(input.language, languageOr(frozenBuyer.language, languageOr(company.default_language, 'en')));
  const { lines, issues } = resolveLines(sqlite, input.lines.map(lineDraftOf), {
    sellerCountry: company.country,
    buyer: frozenBuyer,
    currency,
    language,
    creditedLines,
  });
  return { currency, frozenBuyer, language, lines, issues };
}

export interface DraftPreview {
  currency: string;
  /** One per input line, null where the line has a problem (see `issues`). */
  lines: ({ name: string; unit: string; unitPriceMinor: number; netMinor: number; taxCategory: string; taxRateBp: number; taxMention: string | null } | null)[];
  taxes: { category: string; rateBp: number; baseMinor: number; taxMinor: number }[];
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
  issues: FieldIssue[];
}

/** Live totals for the editor: the lines as a save would resolve them, with their problems, nothing written. */
export function previewDraft(sqlite: Database, input: SaveDraft, buyer: BuyerSnapshot): DraftPreview {
  const { currency, lines, issues } = prepareDraft(sqlite, input, buyer);
  const bad = new Set(issues.map((i) => Number(i.path.split('.')[1])));
  let next = 0;
  const perInput = input.lines.map((_, i) => {
    if (bad.has(i)) return null;
    const l = lines[next++] as ResolvedLine;
    return { name: l.name, unit: l.unit, unitPriceMinor: l.unitPriceMinor, netMinor: l.netMinor, taxCategory: l.taxCategory, taxRateBp: l.taxRateBp, taxMention: l.taxMention };
  });
  const totals = computeTotals(lines);
  return { currency, lines: perInput, taxes: totals.taxes, netMinor: totals.netMinor, taxMinor: totals.taxMinor, grossMinor: totals.grossMinor, issues };
}

export function saveDraft(sqlite: Database, input: SaveDraft, buyer: BuyerSnapshot, now: Date): number {
  const run = sqlite.transaction(() => {
    const company = companyOf(sqlite);
    const existing = input.id === undefined ? null : documentRow(sqlite, input.id);
    if (existing && existing.status !== 'draft') {
      fail('id', 'invoices.issued', `${existing.number ?? ''} is issued: it cannot be edited; correct it with a credit note.`, { number: existing.number ?? '' });
    }
    if (existing && input.revision !== undefined && existing.revision !== input.revision) {
      fail('revision', 'invoices.stale', 'Someone else changed this draft meanwhile; reopen it to see their changes.');
    }
    if (existing && existing.kind !== input.kind) fail('kind', 'invoices.kindFixed', 'A draft keeps its kind; convert an issued document instead.');

    const { currency, frozenBuyer, language, lines, issues } = prepareDraft(sqlite, input, buyer);
    if (issues.length > 0) throw new ValidationError(issues);

    const warehouseId = input.warehouse === null ? null : findWarehouse(sqlite, input.warehouse, 'warehouse').id;
    const seriesId = seriesFor(sqlite, input.kind, input.series);
    const nowIso = now.toISOString();
    const values = {
      kind: input.kind,
      series_id: seriesId,
      language,
      currency,
      base_currency: company.base_currency,
      issue_date: input.issueDate,
      due_date: input.dueDate,
      buyer_contact_id: frozenBuyer.contactId,
      buyer_name: frozenBuyer.name,
      buyer: JSON.stringify(frozenBuyer),
      warehouse_id: warehouseId,
      return_to_stock: input.returnToStock ? 1 : 0,
      credit_of_id: input.creditOfId,
      terms: input.terms,
      notes: input.notes,
      updated_at: nowIso,
    };
    let id: number;
    if (existing) {
      id = existing.id;
      cached(
        sqlite,
        `UPDATE document SET kind = @kind, series_id = @series_id, language = @language, currency = @currency, base_currency = @base_currency,
           issue_date = @issue_date, due_date = @due_date, buyer_contact_id = @buyer_contact_id, buyer_name = @buyer_name, buyer = @buyer,
           warehouse_id = @warehouse_id, return_to_stock = @return_to_stock, credit_of_id = @credit_of_id, terms = @terms, notes = @notes,
           updated_at = @updated_at, revision = revision + 1
         WHERE id = @id`,
      ).run({ ...values, id });
      cached(sqlite, 'DELETE FROM document_line WHERE document_id = ?').run(id);
    } else {
      id = Number(
        cached(
          sqlite,
          `INSERT INTO document (kind, series_id, language, currency, base_currency, issue_date, due_date, buyer_contact_id, buyer_name, buyer,
             warehouse_id, return_to_stock, source_id, credit_of_id, terms, notes, created_at, updated_at)
           VALUES (@kind, @series_id, @language, @currency, @base_currency, @issue_date, @due_date, @buyer_contact_id, @buyer_name, @buyer,
             @warehouse_id, @return_to_stock, @source_id, @credit_of_id, @terms, @notes, @updated_at, @updated_at)`,
        ).run({ ...values, source_id: input.sourceId ?? null }).lastInsertRowid,
      );
    }
    writeLinesAndTotals(sqlite, id, lines);
    return id;
  });
  return run.immediate();
}

export function seriesFor(sqlite: Database, kind: string, code: string | null): number {
  const row = (
    code === null
      ? cached(sqlite, 'SELECT id, kind FROM document_series WHERE kind = ? AND is_default = 1').get(kind)
      : cached(sqlite, 'SELECT id, kind FROM document_series WHERE code = ?').get(code)
  ) as { id: number; kind: string } | undefined;
  if (!row) fail('series', 'invoices.series.unknown', `There is no numbering series ${code ?? kind}.`, { series: code ?? kind });
  if (row.kind !== kind) fail('series', 'invoices.series.otherKind', `Series ${code ?? ''} numbers another kind of document.`, { series: code ?? '' });
  return row.id;
}

/** Writes the lines of a draft, then its tax summary and totals. */
export function writeLinesAndTotals(sqlite: Database, documentId: number, lines: readonly ResolvedLine[]): void {
  const insert = cached(
    sqlite,
    `INSERT INTO document_line (document_id, position, product_id, sku, name, description, unit, quantity_milli, unit_price_minor, discount_bp,
       tax_class, supply, tax_override, tax_case, tax_category, tax_rate_bp, tax_mention, net_minor, credit_of_line_id)
     VALUES (@document_id, @position, @product_id, @sku, @name, @description, @unit, @quantity_milli, @unit_price_minor, @discount_bp,
       @tax_class, @supply, @tax_override, @tax_case, @tax_category, @tax_rate_bp, @tax_mention, @net_minor, @credit_of_line_id)`,
  );
  lines.forEach((l, i) =>
      insert.run({
        document_id: documentId,
        position: i + 1,
        product_id: l.productId,
        sku: l.sku,
        name: l.name,
        description: l.description,
        unit: l.unit,
        quantity_milli: l.quantityMilli,
        unit_price_minor: l.unitPriceMinor,
        discount_bp: l.discountBp,
        tax_class: l.taxClass,
        supply: l.supply,
        tax_override: l.taxOverride === null ? null : JSON.stringify(l.taxOverride),
        tax_case: l.taxCase,
        tax_category: l.taxCategory,
        tax_rate_bp: l.taxRateBp,
        tax_mention: l.taxMention,
        net_minor: l.netMinor,
      credit_of_line_id: l.creditOfLineId,
    }),
  );
  writeTotals(sqlite, documentId, lines);
}

/** The tax summary per (category, rate) and the document totals, EN 16931 style. */
export function writeTotals(sqlite: Database, documentId: number, lines: readonly ResolvedLine[]): void {
  const totals = computeTotals(lines.map((l) => ({ ...l, taxCategory: l.taxCategory, taxRateBp: l.taxRateBp })));
  cached(sqlite, 'DELETE FROM document_tax WHERE document_id = ?').run(documentId);
  const insertTax = cached(sqlite, 'INSERT INTO document_tax (document_id, category, rate_bp, base_minor, tax_minor, mention) VALUES (?, ?, ?, ?, ?, ?)');
  for (const group of totals.taxes) {
    const mentions = [...new Set(lines.filter((l) => l.taxCategory === group.category && l.taxRateBp === group.rateBp).map((l) => l.taxMention).filter((m) => m !== null))];
    insertTax.run(documentId, group.category, group.rateBp, group.baseMinor, group.taxMinor, mentions.length > 0 ? mentions.join(' ') : null);
  }
  cached(sqlite, 'UPDATE document SET net_minor = ?, tax_minor = ?, gross_minor = ? WHERE id = ?').run(totals.netMinor, totals.taxMinor, totals.grossMinor, documentId);
}

export function deleteDraft(sqlite: Database, id: number): void {
  const run = sqlite.transaction(() => {
    const row = documentRow(sqlite, id);
    if (row.status !== 'draft') fail('id', 'invoices.issued', `${row.number ?? ''} is issued: it is never deleted; correct it with a credit note.`, { number: row.number ?? '' });
    cached(sqlite, 'DELETE FROM document WHERE id = ?').run(id);
  });
  run.immediate();
}
