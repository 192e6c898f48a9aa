import type { Database } from 'better-sqlite3';
import { ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { mentionText } from '../../../shared/invoicing/tax.ts';
import type { BuyerSnapshot } from '../../../shared/invoicing/documents.ts';
import { convert } from '../../../shared/invoicing/fx.ts';
import { addDays, fiscalYearOf, formatNumber, isIsoDate } from '../../../shared/invoicing/numbering.ts';
import { recordMovements, type MovementRequest } from '../stock/recordMovements.ts';
import { postSalesDocument } from '../ledger/invoicePostings.ts';
import { cached } from '../stock/resolve.ts';
import { creditedInvoice, writeTotals } from './drafts.ts';
import { taxFor, type ResolvedLine } from './lines.ts';
import { requireRate, type FoundRate } from './rates.ts';
import { creditSettlesBase } from './receivableBase.ts';
import {
  companyOf,
  documentRow,
  fail,
  languageOr,
  lineRows,
  paymentStatusOf,
  resolvedOf,
  sellerSnapshot,
  todayIso,
  type DocumentRow,
} from './store.ts';

/**
 * Issuing, in ONE immediate transaction: the number is taken from the series' counter for the
 * fiscal year, the seller and buyer are frozen, the tax decided again against the frozen buyer,
 * the exchange rate of the issue date stored, goods shipped from the warehouse (or returned, for a
 * credit note) through the stock movement writer, the status set to issued, after which the
 * database refuses any change (see migration 010), and the invoice or credit note posted to the
 * journal (a closed period refuses the issue date). If anything fails, nothing is written and the
 * number is not used: the series stays gapless.
 */

export const DEFAULT_PAYMENT_DAYS = 30;

export interface IssueOptions {
  issueDate?: string | null | undefined;
  /** The buyer as the contacts core answers now; the draft's own snapshot when it has no contact. */
  buyer?: BuyerSnapshot | null | undefined;
  now: Date;
}

export interface IssuedResult {
  id: number;
  number: string;
}

export function issueDocument(sqlite: Database, id: number, options: IssueOptions): IssuedResult {
  const run = sqlite.transaction((): IssuedResult => {
    const draft = documentRow(sqlite, id);
    if (draft.status !== 'draft') fail('id', 'invoices.alreadyIssued', `${draft.number ?? ''} is already issued.`, { number: draft.number ?? '' });
    const company = companyOf(sqlite);
    const issueDate = options.issueDate ?? draft.issue_date ?? todayIso(options.now);
    if (!isIsoDate(issueDate)) fail('issueDate', 'invoices.date', 'Enter a date as YYYY-MM-DD.');

    const buyer = options.buyer ?? (JSON.parse(draft.buyer) as BuyerSnapshot);
    const lines = redecide(sqlite, draft, buyer, company.country);
    if (lines.length === 0) fail('lines', 'invoices.issue.noLines', 'A document needs at least one line to be issued.');
    if (draft.kind === 'credit_note') checkCreditLimits(sqlite, draft, lines);

    const fiscalYear = fiscalYearOf(issueDate, { month: company.fiscal_year_start_month, day: company.fiscal_year_start_day });
    const { number, seq } = nextNumber(sqlite, draft.series_id, fiscalYear, issueDate);

    // Totals are written while the document is still a draft; then it freezes.
    writeTotals(sqlite, id, lines);
    const totals = cached(sqlite, 'SELECT net_minor, tax_minor, gross_minor FROM document WHERE id = ?').get(id) as {
      net_minor: number;
      tax_minor: number;
      gross_minor: number;
    };

    let rate: FoundRate | null = null;
    let base = { net: totals.net_minor, tax: totals.tax_minor };
    if (draft.currency !== company.base_currency) {
      rate = requireRate(sqlite, draft.currency, company.base_currency, issueDate, 'currency');
      base = {
        net: convert(totals.net_minor, draft.currency, company.base_currency, rate),
        tax: convert(totals.tax_minor, draft.currency, company.base_currency, rate),
      };
    }

    moveStock(sqlite, draft, number, options.now);

    const dueDate =
      draft.kind === 'credit_note'
        ? null
        : (draft.due_date ?? addDays(issueDate, draft.kind === 'invoice' ? (buyer.paymentTermsDays ?? DEFAULT_PAYMENT_DAYS) : DEFAULT_PAYMENT_DAYS));
    if (dueDate !== null && dueDate < issueDate) fail('dueDate', 'invoices.issue.dueBeforeIssue', 'The due date is before the issue date.');

    // What a credit note takes off the credited invoice's receivable, read before either changes.
    const creditBase =
      draft.kind === 'credit_note' && draft.credit_of_id !== null ? creditSettlesBase(sqlite, documentRow(sqlite, draft.credit_of_id), totals.gross_minor) : null;

    const nowIso = options.now.toISOString();
    cached(
      sqlite,
      `UPDATE document SET status = 'issued', number = @number, fiscal_year = @fiscal_year, seq = @seq, issue_date = @issue_date, due_date = @due_date,
         buyer_contact_id = @buyer_contact_id, buyer_name = @buyer_name, buyer = @buyer, seller = @seller, base_currency = @base_currency,
         fx_unit = @fx_unit, fx_quote = @fx_quote, fx_rate_scaled = @fx_rate_scaled, fx_rate_date = @fx_rate_date, fx_source = @fx_source,
         net_base_minor = @net_base, tax_base_minor = @tax_base, gross_base_minor = @gross_base,
         language = @language, issued_at = @now, updated_at = @now, revision = revision + 1
       WHERE id = @id AND status = 'draft'`,
    ).run({
      id,
      number,
      fiscal_year: fiscalYear,
      seq,
      issue_date: issueDate,
      due_date: dueDate,
      buyer_contact_id: buyer.contactId,
      buyer_name: buyer.name,
      buyer: JSON.stringify(buyer),
      seller: JSON.stringify(sellerSnapshot(sqlite)),
      base_currency: company.base_currency,
      fx_unit: rate?.unit ?? null,
      fx_quote: rate?.quote ?? null,
      fx_rate_scaled: rate?.scaled ?? null,
      fx_rate_date: rate?.date ?? null,
      fx_source: rate?.source ?? null,
      net_base: base.net,
      tax_base: base.tax,
      gross_base: base.net + base.tax,
      language: languageOr(draft.language, 'en'),
      now: nowIso,
    });

    if (draft.kind === 'credit_note' && draft.credit_of_id !== null) {
      const invoice = documentRow(sqlite, draft.credit_of_id);
      const credited = invoice.credited_minor + totals.gross_minor;
      cached(sqlite, 'UPDATE document SET credited_minor = ?, payment_status = ?, updated_at = ? WHERE id = ?').run(
        credited,
        paymentStatusOf(invoice.gross_minor, invoice.paid_minor, credited),
        nowIso,
        invoice.id,
      );
    }
    // Revenue, VAT and the receivable, in this transaction; the goods shipped were posted by the stock writer above.
    postSalesDocument(sqlite, id, creditBase, options.now);
    return { id, number };
  });
  return run.immediate();
}

/**
 * The tax of each line decided again against the buyer being frozen (its VAT number may have
 * changed since the draft was saved). Prices, quantities and names stay the draft's; overridden
 * lines and credit-note lines (which reverse the invoice's own treatment) keep theirs.
 */
function redecide(sqlite: Database, draft: DocumentRow, buyer: BuyerSnapshot, sellerCountry: string): (ResolvedLine & { id: number })[] {
  const language = languageOr(draft.language, 'en');
  const issues: FieldIssue[] = [];
  const lines = lineRows(sqlite, draft.id).map((row, i) => {
    const line = resolvedOf(row);
    if (line.taxOverride !== null || line.creditOfLineId !== null) return line;
    const answer = taxFor({ sellerCountry, buyer }, line.taxClass, line.supply, null);
    if (!answer.ok) {
      issues.push({ path: `lines.${i}.taxClass`, key: answer.issue.key, message: answer.issue.message, ...(answer.issue.params ? { params: answer.issue.params } : {}) });
      return line;
    }
    const t = answer.treatment;
    return { ...line, taxCase: t.case, taxCategory: t.category, taxRateBp: t.rateBp, taxMention: mentionText(t, language) };
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const update = cached(sqlite, 'UPDATE document_line SET tax_case = ?, tax_category = ?, tax_rate_bp = ?, tax_mention = ? WHERE id = ?');
  for (const l of lines) update.run(l.taxCase, l.taxCategory, l.taxRateBp, l.taxMention, l.id);
  return lines;
}

/** A credit note never credits more than the invoice still holds, line by line and in total. */
function checkCreditLimits(sqlite: Database, draft: DocumentRow, lines: readonly ResolvedLine[]): void {
  if (draft.credit_of_id === null) fail('creditOfId', 'invoices.creditNote.invoiceRequired', 'Choose the invoice this credit note corrects.');
  const invoice = creditedInvoice(sqlite, draft.credit_of_id);
  const creditedQty = cached(
    sqlite,
    `SELECT l.credit_of_line_id AS line, sum(l.quantity_milli) AS q FROM document_line l JOIN document d ON d.id = l.document_id
     WHERE d.credit_of_id = ? AND d.status = 'issued' AND l.credit_of_line_id IS NOT NULL GROUP BY l.credit_of_line_id`,
  ).all(invoice.row.id) as { line: number; q: number }[];
  const already = new Map(creditedQty.map((r) => [r.line, r.q]));
  const issues = lines.flatMap((l, i) => {
    if (l.creditOfLineId === null) return [];
    const invoiced = invoice.lines.get(l.creditOfLineId)?.quantityMilli ?? 0;
    const left = invoiced - (already.get(l.creditOfLineId) ?? 0);
    return l.quantityMilli > left
      ? [{ path: `lines.${i}.quantity`, key: 'invoices.creditNote.tooMuchQuantity', message: `Only ${left / 1000} of ${l.name} are left to credit.`, params: { left: left / 1000, name: l.name } }]
      : [];
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Takes the next number of a series for a fiscal year; refuses a date before the last one issued. */
function nextNumber(sqlite: Database, seriesId: number, fiscalYear: number, issueDate: string): { number: string; seq: number } {
  const series = cached(sqlite, 'SELECT pattern FROM document_series WHERE id = ?').get(seriesId) as { pattern: string };
  const counter = cached(sqlite, 'SELECT last_seq, last_issue_date FROM document_counter WHERE series_id = ? AND fiscal_year = ?').get(seriesId, fiscalYear) as
    | { last_seq: number; last_issue_date: string }
    | undefined;
  if (counter && issueDate < counter.last_issue_date) {
    // Numbers follow dates: an invoice dated before the last one issued would break the chronology a tax inspector checks.
    fail('issueDate', 'invoices.issue.backdated', `The last document of this series was issued on ${counter.last_issue_date}; a later one cannot be dated ${issueDate}.`, {
      last: counter.last_issue_date,
      date: issueDate,
    });
  }
  const seq = (counter?.last_seq ?? 0) + 1;
  cached(
    sqlite,
    `INSERT INTO document_counter (series_id, fiscal_year, last_seq, last_issue_date) VALUES (?, ?, ?, ?)
     ON CONFLICT (series_id, fiscal_year) DO UPDATE SET last_seq = excluded.last_seq, last_issue_date = excluded.last_issue_date`,
  ).run(seriesId, fiscalYear, seq, issueDate);
  return { number: formatNumber(series.pattern, fiscalYear, seq), seq };
}

/** Invoices ship their goods; credit notes may bring them back. Through the one stock writer. */
function moveStock(sqlite: Database, draft: DocumentRow, number: string, now: Date): void {
  const lines = lineRows(sqlite, draft.id);
  const requests: { lineId: number; request: MovementRequest }[] = [];
  if (draft.kind === 'invoice' && draft.warehouse_id !== null) {
    lines.forEach((l, i) => {
      if (l.product_id === null || l.supply !== 'goods') return;
      requests.push({
        lineId: l.id,
        request: { kind: 'shipment', productId: l.product_id, warehouseId: draft.warehouse_id as number, quantityMilli: -l.quantity_milli, reference: number, path: `lines.${i}` },
      });
    });
  } else if (draft.kind === 'credit_note' && draft.return_to_stock === 1) {
    lines.forEach((l, i) => {
      if (l.product_id === null || l.supply !== 'goods' || l.credit_of_line_id === null) return;
      const shipment = cached(sqlite, 'SELECT stock_movement_id FROM document_line WHERE id = ?').pluck().get(l.credit_of_line_id) as number | null;
      if (shipment === null) return;
      const warehouseId = draft.warehouse_id ?? (cached(sqlite, 'SELECT warehouse_id FROM stock_movement WHERE id = ?').pluck().get(shipment) as number);
      requests.push({
        lineId: l.id,
        request: { kind: 'return', productId: l.product_id, warehouseId, quantityMilli: l.quantity_milli, returnOfId: shipment, reference: number, path: `lines.${i}` },
      });
    });
  }
  if (requests.length === 0) return;
  const written = recordMovements(
    sqlite,
    requests.map((r) => r.request),
    { now },
  );
  const link = cached(sqlite, 'UPDATE document_line SET stock_movement_id = ? WHERE id = ?');
  requests.forEach((r, i) => link.run(written[i]?.[0] ?? null, r.lineId));
}
