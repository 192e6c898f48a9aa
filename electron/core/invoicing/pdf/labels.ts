import type { Language } from '../../../../shared/contract/app.ts';
import type { DocumentKind } from '../../../../shared/invoicing/documents.ts';
import type { TaxIdScheme } from '../../../../shared/validation/taxIds.ts';

/**
 * The printed words of a document in its own language. They live in the core, not in the
 * renderer's i18n: the PDF is made where the document is issued, by the CLI too, and must not
 * change when the app's translations do.
 */
export interface PrintLabels {
  title: Record<DocumentKind, string>;
  number: string;
  issueDate: string;
  dueDate: string;
  validUntil: string;
  seller: string;
  billTo: string;
  shipTo: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  vat: string;
  net: string;
  subtotal: string;
  vatAt: string;
  total: string;
  taxSummary: string;
  taxBase: string;
  taxAmount: string;
  category: string;
  inBaseCurrency: string;
  rateLine: string;
  bank: string;
  iban: string;
  bic: string;
  terms: string;
  paymentDue: string;
  creditFor: string;
  basedOn: string;
  page: string;
  taxIds: Record<TaxIdScheme, string>;
}

export const PRINT_LABELS: Readonly<Record<Language, PrintLabels>> = {
  en: {
    title: { quote: 'Quotation', proforma: 'Proforma invoice', invoice: 'Invoice', credit_note: 'Credit note' },
    number: 'Number',
    issueDate: 'Date',
    dueDate: 'Due date',
    validUntil: 'Valid until',
    seller: 'From',
    billTo: 'Bill to',
    shipTo: 'Ship to',
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    discount: 'Discount',
    vat: 'VAT',
    net: 'Net amount',
    subtotal: 'Total net',
    vatAt: 'VAT {rate}',
    total: 'Total due',
    taxSummary: 'VAT summary',
    taxBase: 'Taxable amount',
    taxAmount: 'VAT amount',
    category: 'Category',
    inBaseCurrency: 'In {currency}',
    rateLine: 'Exchange rate: {pair} ({source}, {date})',
    bank: 'Bank',
    iban: 'IBAN',
    bic: 'BIC',
    terms: 'Terms',
    paymentDue: 'Please pay {amount} by {date}, quoting {number}.',
    creditFor: 'Credit note for invoice {number} of {date}.',
    basedOn: 'Based on {number}.',
    page: 'Page',
    taxIds: {
      EU_VAT: 'VAT ID',
      DE_STEUERNUMMER: 'Tax number (Steuernummer)',
      FR_SIREN: 'SIREN',
      FR_SIRET: 'SIRET',
      MA_ICE: 'ICE',
      MA_IF: 'Tax ID (IF)',
      MA_RC: 'Trade register (RC)',
      OTHER: 'Tax ID',
    },
  },
  fr: {
    title: { quote: 'Devis', proforma: 'Facture proforma', invoice: 'Facture', credit_note: 'Avoir' },
    number: 'Numéro',
    issueDate: 'Date',
    dueDate: 'Échéance',
    validUntil: 'Valable jusqu’au',
    seller: 'Émetteur',
    billTo: 'Facturé à',
    shipTo: 'Livré à',
    description: 'Désignation',
    quantity: 'Quantité',
    unitPrice: 'Prix unitaire HT',
    discount: 'Remise',
    vat: 'TVA',
    net: 'Montant HT',
    subtotal: 'Total HT',
    vatAt: 'TVA {rate}',
    total: 'Total TTC',
    taxSummary: 'Récapitulatif de TVA',
    taxBase: 'Base HT',
    taxAmount: 'Montant TVA',
    category: 'Catégorie',
    inBaseCurrency: 'En {currency}',
    rateLine: 'Taux de change : {pair} ({source}, {date})',
    bank: 'Banque',
    iban: 'IBAN',
    bic: 'BIC',
    terms: 'Conditions',
    paymentDue: 'Merci de régler {amount} avant le {date} en rappelant la référence {number}.',
    creditFor: 'Avoir sur la facture {number} du {date}.',
    basedOn: 'Établi d’après {number}.',
    page: 'Page',
    taxIds: {
      EU_VAT: 'N° TVA intracommunautaire',
      DE_STEUERNUMMER: 'Steuernummer',
      FR_SIREN: 'SIREN',
      FR_SIRET: 'SIRET',
      MA_ICE: 'ICE',
      MA_IF: 'Identifiant fiscal (IF)',
      MA_RC: 'Registre du commerce (RC)',
      OTHER: 'Identifiant fiscal',
    },
  },
  de: {
    title: { quote: 'Angebot', proforma: 'Proformarechnung', invoice: 'Rechnung', credit_note: 'Gutschrift' },
    number: 'Nummer',
    issueDate: 'Datum',
    dueDate: 'Fällig am',
    validUntil: 'Gültig bis',
    seller: 'Von',
    billTo: 'Rechnungsempfänger',
    shipTo: 'Lieferanschrift',
    description: 'Bezeichnung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis netto',
    discount: 'Rabatt',
    vat: 'USt.',
    net: 'Nettobetrag',
    subtotal: 'Summe netto',
    vatAt: 'USt. {rate}',
    total: 'Gesamtbetrag',
    taxSummary: 'Umsatzsteuer',
    taxBase: 'Bemessungsgrundlage',
    taxAmount: 'Steuerbetrag',
    category: 'Kategorie',
    inBaseCurrency: 'In {currency}',
    rateLine: 'Umrechnungskurs: {pair} ({source}, {date})',
    bank: 'Bank',
    iban: 'IBAN',
    bic: 'BIC',
    terms: 'Bedingungen',
    paymentDue: 'Bitte zahlen Sie {amount} bis zum {date} unter Angabe von {number}.',
    creditFor: 'Gutschrift zur Rechnung {number} vom {date}.',
    basedOn: 'Auf Grundlage von {number}.',
    page: 'Seite',
    taxIds: {
      EU_VAT: 'USt-IdNr.',
      DE_STEUERNUMMER: 'Steuernummer',
      FR_SIREN: 'SIREN',
      FR_SIRET: 'SIRET',
      MA_ICE: 'ICE',
      MA_IF: 'IF',
      MA_RC: 'RC',
      OTHER: 'Steuer-ID',
    },
  },
  ar: {
    title: { quote: 'عرض أسعار', proforma: 'فاتورة أولية', invoice: 'فاتورة', credit_note: 'إشعار دائن' },
    number: 'الرقم',
    issueDate: 'التاريخ',
    dueDate: 'تاريخ الاستحقاق',
    validUntil: 'صالح حتى',
    seller: 'المورّد',
    billTo: 'فاتورة إلى',
    shipTo: 'الشحن إلى',
    description: 'البيان',
    quantity: 'الكمية',
    unitPrice: 'سعر الوحدة',
    discount: 'الخصم',
    vat: 'الضريبة',
    net: 'المبلغ الصافي',
    subtotal: 'المجموع دون الضريبة',
    vatAt: 'الضريبة على القيمة المضافة {rate}',
    total: 'المجموع المستحق',
    taxSummary: 'ملخص الضريبة على القيمة المضافة',
    taxBase: 'الوعاء الضريبي',
    taxAmount: 'مبلغ الضريبة',
    category: 'الفئة',
    inBaseCurrency: 'بعملة {currency}',
    rateLine: 'سعر الصرف: {pair} ({source}، {date})',
    bank: 'البنك',
    iban: 'IBAN',
    bic: 'BIC',
    terms: 'الشروط',
    paymentDue: 'يرجى دفع {amount} قبل {date} مع ذكر المرجع {number}.',
    creditFor: 'إشعار دائن للفاتورة {number} بتاريخ {date}.',
    basedOn: 'بناءً على {number}.',
    page: 'صفحة',
    taxIds: {
      EU_VAT: 'رقم الضريبة على القيمة المضافة',
      DE_STEUERNUMMER: 'الرقم الضريبي (Steuernummer)',
      FR_SIREN: 'SIREN',
      FR_SIRET: 'SIRET',
      MA_ICE: 'التعريف الموحد للمقاولة (ICE)',
      MA_IF: 'التعريف الضريبي (IF)',
      MA_RC: 'السجل التجاري (RC)',
      OTHER: 'الرقم الضريبي',
    },
  },
};
