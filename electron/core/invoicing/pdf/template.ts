import type { Language } from '../../../../shared/contract/app.ts';
import type { KontorDocument, SnapshotAddress } from '../../../../shared/invoicing/documents.ts';
import { formatRate as formatPercent } from '../../../../shared/invoicing/tax.ts';
import { formatAmount } from '../../../../shared/money.ts';
import { formatQuantity } from '../../../../shared/quantity.ts';
import { PRINT_LABELS } from './labels.ts';

/**
 * The HTML a document prints as: one self-contained page (inline CSS, the logo as a data URL, no
 * scripts, no network), so any Chromium (Electron's printToPDF, Playwright in tests and the CLI)
 * renders the same thing. Built only from the document's frozen copy.
 */

export interface PrintExtras {
  logo: { mimeType: string; dataBase64: string } | null;
  /** The document this one was converted from, and the invoice a credit note corrects. */
  sourceNumber: string | null;
  creditedInvoice: { number: string; issueDate: string } | null;
}

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapeMap[c] ?? c);
}

/** 1234567 EUR → "12,345.67" (en, ar), "12 345,67" (fr), "12.345,67" (de): grouping from the exact string. */
export function printAmount(minor: number, currency: string, language: Language): string {
  const plain = formatAmount(minor, currency);
  const negative = plain.startsWith('-');
  const [whole = '0', fraction] = (negative ? plain.slice(1) : plain).split('.');
  const [group, decimal] = language === 'fr' ? ['\u202f', ','] : language === 'de' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : decimal + fraction}`;
}

/** Numbers, dates, codes: kept left-to-right inside Arabic text (an isolate, so "1,260.00 EUR" stays in order). */
function ltr(text: string): string {
  return `<bdi dir="ltr">${escapeHtml(text)}</bdi>`;
}

/** A label with `{name}` slots: the label's own words escaped, each value isolated left-to-right. */
function fillHtml(template: string, values: Record<string, string>): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const key = /^\{(\w+)\}$/.exec(part)?.[1];
      return key === undefined ? escapeHtml(part) : ltr(values[key] ?? '');
    })
    .join('');
}

function money(minor: number, currency: string, language: Language): string {
  return ltr(`${printAmount(minor, currency, language)}\u00a0${currency}`);
}

function printDate(iso: string | null, language: Language): string {
  if (iso === null) return '';
  const [y, m, d] = iso.split('-');
  return language === 'en' || language === 'ar' ? iso : language === 'de' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

function addressLines(a: SnapshotAddress | null): string[] {
  if (!a) return [];
  return [a.recipient, a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter((l): l is string => Boolean(l));
}

/** Each line takes its direction from its own first letter: a Latin address stays in order on an Arabic page. */
const lines = (items: readonly string[]): string => items.map((l) => `<div dir="auto">${escapeHtml(l)}</div>`).join('');

export function renderDocumentHtml(doc: KontorDocument, extras: PrintExtras): string {
  const lang = doc.language;
  const L = PRINT_LABELS[lang];
  const seller = doc.seller;
  const cur = doc.currency;
  const m = (minor: number): string => money(minor, cur, lang);
  const rtl = lang === 'ar';

  const sellerIds = (seller?.taxIds ?? []).map((t) => `${L.taxIds[t.scheme]}: ${t.value}`);
  const buyerIds = doc.buyer.taxIds.map((t) => `${L.taxIds[t.scheme]}: ${t.value}`);
  const mentions = [...new Set(doc.lines.map((l) => l.taxMention).filter((x): x is string => x !== null))];
  const dueLabel = doc.kind === 'quote' ? L.validUntil : L.dueDate;

  const lineRows = doc.lines
    .map(
      (l, i) => `<tr>
        <td class="n">${i + 1}</td>
        <td><div class="item">${escapeHtml(l.name)}</div>${l.sku ? `<div class="muted">${escapeHtml(l.sku)}</div>` : ''}${l.description ? `<div class="muted">${escapeHtml(l.description)}</div>` : ''}</td>
        <td class="num">${ltr(`${formatQuantity(l.quantityMilli)} ${l.unit}`)}</td>
        <td class="num">${ltr(printAmount(l.unitPriceMinor, cur, lang))}</td>
        <td class="num">${l.discountBp === 0 ? '' : ltr(formatPercent(l.discountBp))}</td>
        <td class="num">${ltr(`${formatPercent(l.taxRateBp)}${l.taxCategory === 'S' ? '' : ` (${l.taxCategory})`}`)}</td>
        <td class="num">${ltr(printAmount(l.netMinor, cur, lang))}</td>
      </tr>`,
    )
    .join('');

  const taxRows = doc.taxes
    .map(
      (g) => `<tr><td>${g.category}</td><td class="num">${ltr(formatPercent(g.rateBp))}</td><td class="num">${m(g.baseMinor)}</td><td class="num">${m(g.taxMinor)}</td></tr>`,
    )
    .join('');

  const vatTotals = doc.taxes
    .filter((g) => g.category === 'S')
    .map((g) => `<tr><td>${fillHtml(L.vatAt, { rate: formatPercent(g.rateBp) })}</td><td class="num">${m(g.taxMinor)}</td></tr>`)
    .join('');

  const fx = doc.exchangeRate;
  const baseBlock =
    fx && doc.grossBaseMinor !== null
      ? `<div class="fx">${fillHtml(L.rateLine, { pair: `1 ${fx.unit} = ${fx.rate} ${fx.quote}`, source: fx.source.toUpperCase(), date: printDate(fx.date, lang) })}<br>
         ${fillHtml(L.inBaseCurrency, { currency: doc.baseCurrency })}: ${escapeHtml(L.subtotal)} ${money(doc.netBaseMinor ?? 0, doc.baseCurrency, lang)} ·
         ${escapeHtml(L.vat)} ${money(doc.taxBaseMinor ?? 0, doc.baseCurrency, lang)} · ${escapeHtml(L.total)} ${money(doc.grossBaseMinor, doc.baseCurrency, lang)}</div>`
      : '';

  const banks = [...(seller?.bankAccounts ?? [])].sort((a, b) => Number(b.currency === cur) - Number(a.currency === cur));
  const bankBlock = banks
    .slice(0, 2)
    .map((b) => `<div>${escapeHtml([b.bankName, b.accountHolder].filter(Boolean).join(', '))}<br>${L.iban}: <span class="ltr">${escapeHtml(b.iban)}</span>${b.bic ? ` · ${L.bic}: <span class="ltr">${escapeHtml(b.bic)}</span>` : ''} (${b.currency})</div>`)
    .join('');

  const references = [
    extras.creditedInvoice ? fillHtml(L.creditFor, { number: extras.creditedInvoice.number, date: printDate(extras.creditedInvoice.issueDate, lang) }) : null,
    extras.sourceNumber ? fillHtml(L.basedOn, { number: extras.sourceNumber }) : null,
  ].filter((x): x is string => x !== null);

  const payLine =
    doc.kind === 'invoice' && doc.dueDate
      ? `<p>${fillHtml(L.paymentDue, { amount: `${printAmount(doc.grossMinor, cur, lang)} ${cur}`, date: printDate(doc.dueDate, lang), number: doc.number ?? '' })}</p>`
      : '';

  const logo = extras.logo ? `<img class="logo" alt="" src="data:${escapeHtml(extras.logo.mimeType)};base64,${extras.logo.dataBase64}">` : '';

  return `<!DOCTYPE html>
<html lang="${lang}" dir="${rtl ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${L.title[doc.kind]} ${doc.number ?? ''}`)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm 18mm 14mm; }
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", Arial, sans-serif; font-size: 9.5pt; color: #1b1b1b; margin: 0; }
  .top { display: flex; justify-content: space-between; align-items: flex-start; gap: 12mm; }
  .logo { max-height: 22mm; max-width: 60mm; object-fit: contain; }
  h1 { font-size: 20pt; margin: 0 0 2mm 0; font-weight: 600; letter-spacing: 0.02em; }
  .meta td { padding: 0.4mm 0; } .meta td:first-child { color: #555; padding-inline-end: 4mm; }
  .parties { display: flex; gap: 8mm; margin: 8mm 0 6mm; }
  .party { flex: 1; border-top: 0.4mm solid #1b1b1b; padding-top: 2mm; }
  .party h2 { font-size: 8pt; text-transform: uppercase; color: #555; margin: 0 0 1.5mm; letter-spacing: 0.05em; }
  .party .name { font-weight: 600; font-size: 10.5pt; }
  .ids { margin-top: 1.5mm; color: #333; font-size: 8.5pt; }
  table.items { width: 100%; border-collapse: collapse; margin-top: 2mm; }
  table.items th { text-align: start; font-size: 8pt; color: #555; border-bottom: 0.3mm solid #1b1b1b; padding: 1.5mm 1mm; font-weight: 600; }
  table.items td { border-bottom: 0.2mm solid #ddd; padding: 1.6mm 1mm; vertical-align: top; }
  .num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
  th.num { text-align: end; }
  .n { color: #777; width: 6mm; }
  .item { font-weight: 500; }
  .muted { color: #666; font-size: 8pt; }
  .sums { display: flex; justify-content: flex-end; margin-top: 4mm; }
  .sums table { min-width: 75mm; border-collapse: collapse; }
  .sums td { padding: 1mm 1mm; } .sums tr.total td { border-top: 0.4mm solid #1b1b1b; font-weight: 700; font-size: 11pt; padding-top: 2mm; }
  .block { margin-top: 6mm; page-break-inside: avoid; }
  .block h3 { font-size: 8pt; text-transform: uppercase; color: #555; margin: 0 0 1.5mm; letter-spacing: 0.05em; }
  table.tax { border-collapse: collapse; } table.tax td, table.tax th { padding: 0.8mm 3mm 0.8mm 0; font-size: 8.5pt; text-align: start; } table.tax th { color: #555; font-weight: 600; }
  .mention { font-weight: 600; }
  .fx { margin-top: 3mm; color: #333; font-size: 8.5pt; }
  .ltr { direction: ltr; unicode-bidi: embed; }
  html[dir='rtl'] div[dir='auto'] { text-align: right; }
  footer { margin-top: 10mm; border-top: 0.2mm solid #bbb; padding-top: 2mm; font-size: 7.5pt; color: #555; }
</style>
</head>
<body>
  <div class="top">
    <div>
      <h1>${escapeHtml(L.title[doc.kind])}</h1>
      <table class="meta">
        <tr><td>${L.number}</td><td><strong>${ltr(doc.number ?? '—')}</strong></td></tr>
        <tr><td>${L.issueDate}</td><td>${ltr(printDate(doc.issueDate, lang))}</td></tr>
        ${doc.dueDate ? `<tr><td>${dueLabel}</td><td>${ltr(printDate(doc.dueDate, lang))}</td></tr>` : ''}
      </table>
    </div>
    <div>${logo}</div>
  </div>

  <div class="parties">
    <div class="party">
      <h2>${L.seller}</h2>
      <div class="name">${escapeHtml(seller?.legalName ?? '')}</div>
      ${lines(addressLines(seller?.address ?? null))}
      ${lines([seller?.email, seller?.website].filter((x): x is string => Boolean(x)))}
      ${seller?.phone ? `<div>${ltr(seller.phone)}</div>` : ''}
      <div class="ids">${lines(sellerIds)}</div>
    </div>
    <div class="party">
      <h2>${L.billTo}</h2>
      <div class="name">${escapeHtml(doc.buyer.name)}</div>
      ${doc.buyer.organisationName ? `<div>${escapeHtml(doc.buyer.organisationName)}</div>` : ''}
      ${lines(addressLines(doc.buyer.billingAddress))}
      <div class="ids">${lines(buyerIds)}</div>
    </div>
    ${
      doc.buyer.shippingAddress
        ? `<div class="party"><h2>${L.shipTo}</h2>${lines(addressLines(doc.buyer.shippingAddress))}</div>`
        : ''
    }
  </div>

  ${references.length > 0 ? `<p>${references.join(' ')}</p>` : ''}

  <table class="items">
    <thead><tr>
      <th>#</th><th>${L.description}</th><th class="num">${L.quantity}</th><th class="num">${L.unitPrice} (${cur})</th>
      <th class="num">${L.discount}</th><th class="num">${L.vat}</th><th class="num">${L.net} (${cur})</th>
    </tr></thead>
    <tbody>${lineRows}</tbody>
  </table>

  <div class="sums"><table>
    <tr><td>${L.subtotal}</td><td class="num">${m(doc.netMinor)}</td></tr>
    ${vatTotals}
    <tr class="total"><td>${L.total}</td><td class="num">${m(doc.grossMinor)}</td></tr>
  </table></div>
  ${baseBlock}

  <div class="block">
    <h3>${L.taxSummary}</h3>
    <table class="tax">
      <tr><th>${L.category}</th><th>${L.vat}</th><th>${L.taxBase}</th><th>${L.taxAmount}</th></tr>
      ${taxRows}
    </table>
    ${mentions.map((x) => `<p class="mention">${escapeHtml(x)}</p>`).join('')}
  </div>

  <div class="block">
    ${payLine}
    ${doc.terms ? `<h3>${L.terms}</h3><p>${escapeHtml(doc.terms)}</p>` : ''}
    ${doc.notes ? `<p>${escapeHtml(doc.notes)}</p>` : ''}
    ${bankBlock ? `<h3>${L.bank}</h3>${bankBlock}` : ''}
  </div>

  <footer>${escapeHtml([seller?.legalName, ...addressLines(seller?.address ?? null)].filter(Boolean).join(' · '))}<br>${escapeHtml(sellerIds.join(' · '))}</footer>
</body>
</html>`;
}
