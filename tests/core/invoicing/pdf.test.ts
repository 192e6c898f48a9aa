import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, expect, it } from 'vitest';
import { chromiumPath } from '../../../electron/core/invoicing/pdf/chromiumRenderer.ts';
import { makeTempDir } from '../../support/tempDir.ts';
import { BUYERS, buyer, openInvoicingKontor, type InvoicingKontor } from './support.ts';

const tools = chromiumPath() !== null && (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let t: InvoicingKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Text of a PDF as pdftotext reads it (what a tax inspector's tools see). */
function pdfText(data: Uint8Array): string {
  const dir = makeTempDir();
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, data);
  // Where to look at the pages: KONTOR_PDF_PNG=<dir> writes a PNG of page 1.
  if (process.env.KONTOR_PDF_PNG) {
    mkdirSync(process.env.KONTOR_PDF_PNG, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', file, join(process.env.KONTOR_PDF_PNG, `doc-${createHash('sha1').update(data).digest('hex').slice(0, 8)}`)]);
  }
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function logo(): Promise<string> {
  const png = await sharp({ create: { width: 240, height: 80, channels: 3, background: { r: 23, g: 64, b: 120 } } }).png().toBuffer();
  return png.toString('base64');
}

it.skipIf(!tools)('an English invoice: the PDF is stored at issue with its SHA-256, prints the legal identifiers and the mention, and is the same file every time', async () => {
  t = await openInvoicingKontor();
  await t.client.call('company.setLogo', { mimeType: 'image/png', dataBase64: await logo() });
  t.product('RUG-1', { priceMinor: 24900, title: 'Beni Ourain rug 200×300' });
  const draft = await t.client.call('invoices.saveDraft', {
    kind: 'invoice',
    buyer: BUYERS.fr,
    terms: 'Delivery DAP Lyon. Payment 14 days net.',
    lines: [{ sku: 'RUG-1', quantity: '2' }, { name: 'Freight Berlin → Lyon', quantity: '1', unitPrice: '85.00', supply: 'services' }],
  });
  const issued = await t.client.call('invoices.issue', { id: draft.id, issueDate: '2026-03-02' });
  expect(issued.pdfSha256).toMatch(/^[0-9a-f]{64}$/);

  const first = await t.client.call('invoices.pdf', { id: issued.id });
  const bytes = Buffer.from(first.dataBase64, 'base64');
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(issued.pdfSha256);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const again = await t.client.call('invoices.pdf', { id: issued.id });
  expect(again).toEqual(first);

  const text = pdfText(bytes);
  for (const expected of [
    'Invoice',
    'INV-2026-00001',
    'Teppichhaus Atlas GmbH',
    'Oranienstraße 12',
    'VAT ID: DE136695976',
    'Tax number (Steuernummer): 2181508150',
    'Maison Dupont SARL',
    'VAT ID: FR40303265045',
    'Beni Ourain rug 200×300',
    '498.00', // 2 × 249.00, intra-EU supply: no VAT
    '85.00',
    'Freight Berlin → Lyon',
    'VAT-exempt intra-Community supply of goods (§ 4 Nr. 1b i. V. m. § 6a UStG).',
    'Reverse charge: VAT to be accounted for by the recipient',
    'DE89370400440532013000',
    'Due date',
    '2026-03-16',
    'Delivery DAP Lyon.',
  ]) {
    expect(text).toContain(expected);
  }
  expect(text).toMatch(/Total due\s+583\.00\s+EUR/);
}, 60_000);

it.skipIf(!tools)('an Arabic invoice from Morocco: right-to-left, ICE/IF/RC, the export exemption, amounts in both currencies', async () => {
  t = await openInvoicingKontor({
    legalName: 'Coopérative Tissage Atlas SARL',
    country: 'MA',
    baseCurrency: 'MAD',
    defaultLanguage: 'ar',
    addresses: [{ kind: 'registered', line1: '12 Rue Ibn Batouta', postalCode: '40000', city: 'Marrakech', country: 'MA' }],
    bankAccounts: [{ bankName: 'Attijariwafa Bank', accountHolder: 'Coopérative Tissage Atlas', iban: 'MA64011519000001205000534921', bic: 'BCMAMAMC', currency: 'MAD' }],
    taxIds: [
      { scheme: 'MA_ICE', value: '001561191000066' },
      { scheme: 'MA_IF', value: '40123456' },
      { scheme: 'MA_RC', value: '401507 Marrakech' },
    ] as never,
  });
  await t.invoicing.setRate({ unit: 'EUR', quote: 'MAD', date: '2026-03-02', rate: '10.8421' });
  const draft = await t.client.call('invoices.saveDraft', {
    kind: 'invoice',
    language: 'ar',
    currency: 'EUR',
    buyer: buyer({ name: 'Maison Dupont SARL', country: 'FR', taxIds: [{ scheme: 'EU_VAT', value: 'FR40303265045' }] }),
    lines: [{ name: 'زربية أمازيغية', quantity: '3', unitPrice: '420.00' }],
  });
  const issued = await t.client.call('invoices.issue', { id: draft.id, issueDate: '2026-03-02' });
  expect(issued.exchangeRate).toMatchObject({ unit: 'EUR', quote: 'MAD', rate: '10.8421' });
  expect(issued.grossBaseMinor).toBe(1366105); // 1,260.00 EUR × 10.8421 = 13,661.046 MAD → 13,661.05
  const pdf = await t.client.call('invoices.pdf', { id: issued.id });
  const text = pdfText(Buffer.from(pdf.dataBase64, 'base64'));
  for (const expected of ['001561191000066', '40123456', '401507 Marrakech', 'INV-2026-00001', '1,260.00', '13,661.05', 'MAD', 'ICE', '92-I-1°']) {
    expect(text).toContain(expected);
  }
  // pdftotext gives Arabic in logical order when the PDF's text is right: the title and the exemption.
  expect(text).toContain('فاتورة');
  expect(text).toContain('معفى من الضريبة على القيمة المضافة');
}, 60_000);

it('a draft has no PDF, only a preview', async () => {
  t = await openInvoicingKontor();
  const draft = await t.client.call('invoices.saveDraft', { kind: 'quote', buyer: BUYERS.us, lines: [{ name: 'Sample', quantity: '1', unitPrice: '10.00' }] });
  const refused = await t.client.tryCall('invoices.pdf', { id: draft.id });
  expect(refused.ok || refused.error.details?.issues?.[0]?.key).toBe('invoices.pdf.draft');
  const { html } = await t.client.call('invoices.previewHtml', { id: draft.id });
  expect(html).toContain('Quotation');
  expect(html).toContain('Desert Rose Imports LLC');
  expect(html).not.toMatch(/<script/i);
});
