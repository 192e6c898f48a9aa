import type { PostingKey } from './postingKeys.ts';

/**
 * Chart-of-accounts presets: only the accounts Kontor posts to, named as the accountant knows them,
 * and the default account for every posting key. The mapping is editable afterwards; these are a
 * starting point to confirm with the company's accountant (the receivables and clearing accounts in
 * particular differ between firms; accounting.md marks SKR04 receivables as unverified).
 */
export const CHART_IDS = ['SKR03', 'SKR04', 'PCG', 'CGNC'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export type AccountKind = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';

export interface PresetAccount {
  code: string;
  name: string;
  kind: AccountKind;
}

export interface ChartPreset {
  id: ChartId;
  label: string;
  /** Domestic VAT rates in basis points, highest first. */
  vatRatesBp: readonly number[];
  accounts: readonly PresetAccount[];
  mapping: Readonly<Record<string, string>> & Partial<Record<PostingKey, string>>;
}

const SKR03: ChartPreset = {
  id: 'SKR03',
  label: 'DATEV SKR03 (Germany)',
  vatRatesBp: [1900, 700],
  accounts: [
    { code: '1000', name: 'Kasse', kind: 'asset' },
    { code: '1200', name: 'Bank', kind: 'asset' },
    { code: '1400', name: 'Forderungen aus Lieferungen und Leistungen', kind: 'asset' },
    { code: '3980', name: 'Bestand Waren', kind: 'asset' },
    { code: '1600', name: 'Verbindlichkeiten aus Lieferungen und Leistungen', kind: 'liability' },
    { code: '1771', name: 'Umsatzsteuer 7 %', kind: 'liability' },
    { code: '1776', name: 'Umsatzsteuer 19 %', kind: 'liability' },
    { code: '8400', name: 'Erlöse 19 % USt', kind: 'revenue' },
    { code: '8300', name: 'Erlöse 7 % USt', kind: 'revenue' },
    { code: '8120', name: 'Steuerfreie Umsätze § 4 Nr. 1a UStG (Ausfuhr Drittland)', kind: 'revenue' },
    { code: '8125', name: 'Steuerfreie innergemeinschaftliche Lieferungen § 4 Nr. 1b UStG', kind: 'revenue' },
    { code: '2668', name: 'Erträge aus Währungsumrechnung', kind: 'revenue' },
    { code: '2150', name: 'Aufwendungen aus Währungsumrechnung', kind: 'expense' },
    { code: '4970', name: 'Nebenkosten des Geldverkehrs', kind: 'expense' },
    { code: '3200', name: 'Wareneingang', kind: 'expense' },
    { code: '3960', name: 'Bestandsveränderungen Waren', kind: 'expense' },
  ],
  mapping: {
    cash: '1000',
    bank: '1200',
    receivables: '1400',
    inventory: '3980',
    'stock.receipts': '1600',
    'vat.output.700': '1771',
    'vat.output.1900': '1776',
    'revenue.domestic.1900': '8400',
    'revenue.domestic.700': '8300',
    'revenue.export': '8120',
    'revenue.intraEu': '8125',
    'fx.gain': '2668',
    'fx.loss': '2150',
    'bank.fees': '4970',
    cogs: '3200',
    'stock.adjustments': '3960',
  },
};

const SKR04: ChartPreset = {
  id: 'SKR04',
  label: 'DATEV SKR04 (Germany)',
  vatRatesBp: [1900, 700],
  accounts: [
    { code: '1600', name: 'Kasse', kind: 'asset' },
    { code: '1800', name: 'Bank', kind: 'asset' },
    { code: '1200', name: 'Forderungen aus Lieferungen und Leistungen', kind: 'asset' },
    { code: '1140', name: 'Waren', kind: 'asset' },
    { code: '3300', name: 'Verbindlichkeiten aus Lieferungen und Leistungen', kind: 'liability' },
    { code: '3801', name: 'Umsatzsteuer 7 %', kind: 'liability' },
    { code: '3806', name: 'Umsatzsteuer 19 %', kind: 'liability' },
    { code: '4400', name: 'Erlöse 19 % USt', kind: 'revenue' },
    { code: '4300', name: 'Erlöse 7 % USt', kind: 'revenue' },
    { code: '4120', name: 'Steuerfreie Umsätze § 4 Nr. 1a UStG (Ausfuhr Drittland)', kind: 'revenue' },
    { code: '4125', name: 'Steuerfreie innergemeinschaftliche Lieferungen § 4 Nr. 1b UStG', kind: 'revenue' },
    { code: '4840', name: 'Erträge aus Währungsumrechnung', kind: 'revenue' },
    { code: '6880', name: 'Aufwendungen aus Währungsumrechnung', kind: 'expense' },
    { code: '6855', name: 'Nebenkosten des Geldverkehrs', kind: 'expense' },
    { code: '5200', name: 'Wareneingang', kind: 'expense' },
    { code: '5880', name: 'Bestandsveränderungen Waren', kind: 'expense' },
  ],
  mapping: {
    cash: '1600',
    bank: '1800',
    receivables: '1200',
    inventory: '1140',
    'stock.receipts': '3300',
    'vat.output.700': '3801',
    'vat.output.1900': '3806',
    'revenue.domestic.1900': '4400',
    'revenue.domestic.700': '4300',
    'revenue.export': '4120',
    'revenue.intraEu': '4125',
    'fx.gain': '4840',
    'fx.loss': '6880',
    'bank.fees': '6855',
    cogs: '5200',
    'stock.adjustments': '5880',
  },
};

const PCG: ChartPreset = {
  id: 'PCG',
  label: 'Plan comptable général (France)',
  vatRatesBp: [2000, 1000, 550, 210],
  accounts: [
    { code: '370000', name: 'Stocks de marchandises', kind: 'asset' },
    { code: '411000', name: 'Clients', kind: 'asset' },
    { code: '512000', name: 'Banque', kind: 'asset' },
    { code: '530000', name: 'Caisse', kind: 'asset' },
    { code: '408000', name: 'Fournisseurs - factures non parvenues', kind: 'liability' },
    { code: '445711', name: 'TVA collectée 20 %', kind: 'liability' },
    { code: '445712', name: 'TVA collectée 10 %', kind: 'liability' },
    { code: '445713', name: 'TVA collectée 5,5 %', kind: 'liability' },
    { code: '445714', name: 'TVA collectée 2,1 %', kind: 'liability' },
    { code: '707000', name: 'Ventes de marchandises France', kind: 'revenue' },
    { code: '707100', name: 'Ventes de marchandises export', kind: 'revenue' },
    { code: '707200', name: 'Ventes de marchandises intracommunautaires', kind: 'revenue' },
    { code: '766000', name: 'Gains de change', kind: 'revenue' },
    { code: '666000', name: 'Pertes de change', kind: 'expense' },
    { code: '627000', name: 'Services bancaires et assimilés', kind: 'expense' },
    { code: '603700', name: 'Variation des stocks de marchandises', kind: 'expense' },
  ],
  mapping: {
    inventory: '370000',
    receivables: '411000',
    bank: '512000',
    cash: '530000',
    'stock.receipts': '408000',
    'vat.output.2000': '445711',
    'vat.output.1000': '445712',
    'vat.output.550': '445713',
    'vat.output.210': '445714',
    'revenue.domestic.2000': '707000',
    'revenue.domestic.1000': '707000',
    'revenue.domestic.550': '707000',
    'revenue.domestic.210': '707000',
    'revenue.export': '707100',
    'revenue.intraEu': '707200',
    'fx.gain': '766000',
    'fx.loss': '666000',
    'bank.fees': '627000',
    cogs: '603700',
    'stock.adjustments': '603700',
  },
};

const CGNC: ChartPreset = {
  id: 'CGNC',
  label: 'Code général de normalisation comptable (Maroc)',
  vatRatesBp: [2000, 1400, 1000, 700],
  accounts: [
    { code: '3111', name: 'Marchandises', kind: 'asset' },
    { code: '3421', name: 'Clients', kind: 'asset' },
    { code: '5141', name: 'Banques', kind: 'asset' },
    { code: '5161', name: 'Caisses', kind: 'asset' },
    { code: '4411', name: 'Fournisseurs', kind: 'liability' },
    { code: '44551', name: 'État, TVA facturée 20 %', kind: 'liability' },
    { code: '44552', name: 'État, TVA facturée 14 %', kind: 'liability' },
    { code: '44553', name: 'État, TVA facturée 10 %', kind: 'liability' },
    { code: '44554', name: 'État, TVA facturée 7 %', kind: 'liability' },
    { code: '7111', name: 'Ventes de marchandises au Maroc', kind: 'revenue' },
    { code: '7113', name: "Ventes de marchandises à l'étranger", kind: 'revenue' },
    { code: '7331', name: 'Gains de change propres à l’exercice', kind: 'revenue' },
    { code: '6331', name: 'Pertes de change propres à l’exercice', kind: 'expense' },
    { code: '6147', name: 'Services bancaires', kind: 'expense' },
    { code: '6114', name: 'Variation des stocks de marchandises', kind: 'expense' },
  ],
  mapping: {
    inventory: '3111',
    receivables: '3421',
    bank: '5141',
    cash: '5161',
    'stock.receipts': '4411',
    'vat.output.2000': '44551',
    'vat.output.1400': '44552',
    'vat.output.1000': '44553',
    'vat.output.700': '44554',
    'revenue.domestic.2000': '7111',
    'revenue.domestic.1400': '7111',
    'revenue.domestic.1000': '7111',
    'revenue.domestic.700': '7111',
    'revenue.export': '7113',
    // Morocco is outside the EU: a sale to an EU buyer is an export.
    'revenue.intraEu': '7113',
    'fx.gain': '7331',
    'fx.loss': '6331',
    'bank.fees': '6147',
    cogs: '6114',
    'stock.adjustments': '6114',
  },
};

export const CHART_PRESETS: Readonly<Record<ChartId, ChartPreset>> = { SKR03, SKR04, PCG, CGNC };

/** The preset a company in `country` most likely uses. */
export function defaultChartFor(country: string | null | undefined): ChartId {
  if (country === 'FR') return 'PCG';
  if (country === 'MA') return 'CGNC';
  return 'SKR03';
}
