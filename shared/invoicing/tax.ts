import type { Language } from '../contract/app.ts';
import { isEuCountryCode } from '../reference/countries.ts';

/**
 * The VAT treatment of one invoice line, from who sells, who buys, what is sold and the product's
 * tax class. Pure: no database, no clock. The categories are EN 16931's VAT category codes
 * (UNCL5305), so a later e-invoice export reads them as they are.
 *
 * Rates are integers in hundredths of a percent ("basis points"): 19 % is 1900, 5.5 % is 550.
 *
 * Not handled here (say so to users): the EU One-Stop-Shop for distance sales to consumers above
 * the EUR 10,000 threshold (those lines keep the seller's rate), special territories (Canary
 * Islands, Büsingen, DOM), margin schemes, and domestic reverse charge (construction, scrap).
 */

export const TAX_CLASSES = ['standard', 'intermediate', 'reduced', 'superReduced'] as const;
export type TaxClass = (typeof TAX_CLASSES)[number];

export const TAX_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
/** S standard/reduced rate, Z zero rate, E exempt, AE reverse charge, K intra-EU supply, G export, O outside scope. */
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export const TAX_CASES = [
  'domestic',
  'distanceSale',
  'intraEuSupply',
  'reverseCharge',
  'export',
  'outsideScope',
  'moroccanExport',
  'override',
] as const;
export type TaxCase = (typeof TAX_CASES)[number];

export const SUPPORTED_SELLER_COUNTRIES = ['DE', 'FR', 'MA'] as const;
export type SellerCountry = (typeof SUPPORTED_SELLER_COUNTRIES)[number];

/** Rates by seller country and tax class; a class a country does not have is absent. */
export const VAT_RATES: Readonly<Record<SellerCountry, Partial<Record<TaxClass, number>>>> = {
  // UStG § 12: 19 % and 7 %.
  DE: { standard: 1900, reduced: 700 },
  // CGI art. 278 ff.: 20 %, 10 %, 5.5 %, 2.1 %.
  FR: { standard: 2000, intermediate: 1000, reduced: 550, superReduced: 210 },
  // CGI marocain art. 98–99: 20 %, 14 %, 10 %, 7 %.
  MA: { standard: 2000, intermediate: 1400, reduced: 1000, superReduced: 700 },
};

/** Territories inside another country's VAT area: Monaco is French for VAT (CGI art. 256 ff., treaty of 1963). */
const VAT_TERRITORY_OF: Readonly<Record<string, string>> = { MC: 'FR' };

export interface TaxParty {
  country: string;
  /** An EU VAT identification number as validated on the contact; null when the buyer has none. */
  vatId?: string | null | undefined;
  /** A business (not a consumer): decides where services are supplied outside the EU. */
  isBusiness?: boolean | undefined;
}

export interface LineTaxOverride {
  category: TaxCategory;
  rateBp: number;
  /** Required when no tax is charged: EN 16931 wants the exemption reason on the invoice. */
  mention?: string | null | undefined;
}

export interface TaxQuestion {
  seller: { country: string };
  buyer: TaxParty;
  taxClass: TaxClass;
  /** Goods by default; services follow the place-of-supply rules instead. */
  supply?: 'goods' | 'services' | undefined;
  override?: LineTaxOverride | null | undefined;
}

export interface TaxTreatment {
  case: TaxCase;
  category: TaxCategory;
  rateBp: number;
  /** Key of the legal mention in TAX_MENTIONS, or null when the case needs none. */
  mentionKey: MentionKey | null;
  /** The seller country's legal reference, quoted in the mention. */
  legalBasis: string | null;
  /** Free text of an override's mention. */
  customMention: string | null;
}

export interface TaxIssue {
  key: string;
  message: string;
  params?: Record<string, string | number>;
}

export type TaxAnswer = { ok: true; treatment: TaxTreatment } | { ok: false; issue: TaxIssue };

export type MentionKey = 'intraEuSupply' | 'reverseCharge' | 'export' | 'outsideScope' | 'moroccanExport';

/** The law each seller country cites for each exempt case. */
const LEGAL_BASIS: Readonly<Record<SellerCountry, Partial<Record<MentionKey, string>>>> = {
  DE: {
    intraEuSupply: '§ 4 Nr. 1b i. V. m. § 6a UStG',
    reverseCharge: '§ 13b UStG, Art. 196 MwStSystRL',
    export: '§ 4 Nr. 1a i. V. m. § 6 UStG',
    outsideScope: '§ 3a Abs. 2 UStG',
  },
  FR: {
    intraEuSupply: 'art. 262 ter I du CGI',
    reverseCharge: 'art. 283-2 du CGI, art. 196 directive 2006/112/CE',
    export: 'art. 262 I du CGI',
    outsideScope: 'art. 259-1 du CGI',
  },
  MA: { moroccanExport: 'art. 92-I-1° du CGI' },
};

/**
 * The mention for each case in each document language; `{basis}` is the seller country's law,
 * quoted as the law writes it. In Arabic it sits between U+2066/U+2069 (a left-to-right isolate)
 * so "art. 92-I-1°" keeps its order inside right-to-left text.
 */
export const TAX_MENTIONS: Readonly<Record<MentionKey, Readonly<Record<Language, string>>>> = {
  intraEuSupply: {
    en: 'VAT-exempt intra-Community supply of goods ({basis}).',
    fr: 'Exonération de TVA, livraison intracommunautaire de biens ({basis}).',
    de: 'Steuerfreie innergemeinschaftliche Lieferung ({basis}).',
    ar: 'توريد سلع داخل الاتحاد الأوروبي معفى من الضريبة على القيمة المضافة (\u2066{basis}\u2069).',
  },
  reverseCharge: {
    en: 'Reverse charge: VAT to be accounted for by the recipient ({basis}).',
    fr: 'Autoliquidation : TVA due par le preneur ({basis}).',
    de: 'Steuerschuldnerschaft des Leistungsempfängers ({basis}).',
    ar: 'التحصيل العكسي: الضريبة على القيمة المضافة مستحقة على المستفيد (\u2066{basis}\u2069).',
  },
  export: {
    en: 'VAT-exempt export of goods outside the EU ({basis}).',
    fr: 'Exonération de TVA, exportation hors de l’Union européenne ({basis}).',
    de: 'Steuerfreie Ausfuhrlieferung ({basis}).',
    ar: 'تصدير سلع إلى خارج الاتحاد الأوروبي معفى من الضريبة على القيمة المضافة (\u2066{basis}\u2069).',
  },
  outsideScope: {
    en: 'Not subject to VAT: place of supply outside the EU ({basis}).',
    fr: 'TVA non applicable, lieu de la prestation hors de l’Union européenne ({basis}).',
    de: 'Nicht im Inland steuerbare Leistung ({basis}).',
    ar: 'غير خاضع للضريبة على القيمة المضافة: مكان التوريد خارج الاتحاد الأوروبي (\u2066{basis}\u2069).',
  },
  moroccanExport: {
    en: 'Exempt from VAT: export ({basis} of the Moroccan General Tax Code).',
    fr: 'Exonéré de TVA : exportation ({basis} marocain).',
    de: 'Von der Mehrwertsteuer befreit: Ausfuhr ({basis}, Marokko).',
    ar: 'معفى من الضريبة على القيمة المضافة: تصدير (\u2066{basis}\u2069، المدونة العامة للضرائب).',
  },
};

export function isSupportedSellerCountry(country: string): country is SellerCountry {
  return (SUPPORTED_SELLER_COUNTRIES as readonly string[]).includes(country);
}

export function isTaxClass(value: unknown): value is TaxClass {
  return typeof value === 'string' && (TAX_CLASSES as readonly string[]).includes(value);
}

function vatTerritory(country: string): string {
  return VAT_TERRITORY_OF[country] ?? country;
}

function treatment(kase: TaxCase, category: TaxCategory, rateBp: number, mentionKey: MentionKey | null, seller: SellerCountry): TaxTreatment {
  const legalBasis = mentionKey === null ? null : (LEGAL_BASIS[seller][mentionKey] ?? null);
  return { case: kase, category, rateBp, mentionKey, legalBasis, customMention: null };
}

/** Decides the tax case, rate and mention of one line. */
export function decideTax(question: TaxQuestion): TaxAnswer {
  const sellerCountry = vatTerritory(question.seller.country);
  if (!isSupportedSellerCountry(sellerCountry)) {
    return {
      ok: false,
      issue: {
        key: 'invoices.tax.unsupportedSellerCountry',
        message: `Kontor knows the VAT rules of Germany, France and Morocco only, not of ${question.seller.country}.`,
        params: { country: question.seller.country },
      },
    };
  }
  if (question.override) return overridden(question.override);

  const supply = question.supply ?? 'goods';
  const buyerCountry = vatTerritory(question.buyer.country);
  const buyerVatId = question.buyer.vatId?.trim() || null;
  const domestic = (): TaxAnswer => domesticRate(sellerCountry, question.taxClass, 'domestic');

  if (sellerCountry === 'MA') {
    // Exports of goods and of services used abroad are exempt with the right to deduct (art. 92-I-1°).
    return buyerCountry === 'MA' ? domestic() : { ok: true, treatment: treatment('moroccanExport', 'G', 0, 'moroccanExport', 'MA') };
  }

  if (buyerCountry === sellerCountry) return domestic();
  if (isEuCountryCode(buyerCountry)) {
    if (buyerVatId !== null) {
      return supply === 'goods'
        ? { ok: true, treatment: treatment('intraEuSupply', 'K', 0, 'intraEuSupply', sellerCountry) }
        : { ok: true, treatment: treatment('reverseCharge', 'AE', 0, 'reverseCharge', sellerCountry) };
    }
    // A consumer (or a business without a VAT number) in another member state pays the seller's
    // VAT below the distance-selling threshold; above it the OSS applies, which Kontor does not do.
    return domesticRate(sellerCountry, question.taxClass, 'distanceSale');
  }
  // Outside the EU's VAT area.
  if (supply === 'goods') return { ok: true, treatment: treatment('export', 'G', 0, 'export', sellerCountry) };
  // Services to a business abroad are supplied where the business is; to a consumer, where the seller is.
  return buyerVatId !== null || question.buyer.isBusiness === true
    ? { ok: true, treatment: treatment('outsideScope', 'O', 0, 'outsideScope', sellerCountry) }
    : domestic();
}

function domesticRate(seller: SellerCountry, taxClass: TaxClass, kase: 'domestic' | 'distanceSale'): TaxAnswer {
  const rateBp = VAT_RATES[seller][taxClass];
  if (rateBp === undefined) {
    return {
      ok: false,
      issue: {
        key: 'invoices.tax.classNotInCountry',
        message: `${seller} has no ${taxClass} VAT rate; give the product another tax class or set the line's tax by hand.`,
        params: { country: seller, taxClass },
      },
    };
  }
  return { ok: true, treatment: treatment(kase, 'S', rateBp, null, seller) };
}

function overridden(override: LineTaxOverride): TaxAnswer {
  const fail = (key: string, message: string): TaxAnswer => ({ ok: false, issue: { key: `invoices.tax.${key}`, message } });
  if (!Number.isInteger(override.rateBp) || override.rateBp < 0 || override.rateBp > 10000) {
    return fail('overrideRate', 'A VAT rate is between 0 and 100 %, in hundredths of a percent.');
  }
  if (override.category === 'S' && override.rateBp === 0) return fail('overrideStandardZero', 'A standard-rated line needs a rate above 0 %.');
  if (override.category !== 'S' && override.rateBp !== 0) {
    return fail('overrideExemptRate', `A line in VAT category ${override.category} is charged no VAT: its rate is 0 %.`);
  }
  const mention = override.mention?.trim() || null;
  if (override.category !== 'S' && mention === null) {
    return fail('overrideMention', 'Say why no VAT is charged: the invoice must carry the exemption reason.');
  }
  return {
    ok: true,
    treatment: { case: 'override', category: override.category, rateBp: override.rateBp, mentionKey: null, legalBasis: null, customMention: mention },
  };
}

/** The mention printed for a treatment in the document's language, or null. */
export function mentionText(t: Pick<TaxTreatment, 'mentionKey' | 'legalBasis' | 'customMention'>, language: Language): string | null {
  if (t.customMention) return t.customMention;
  if (t.mentionKey === null) return null;
  return TAX_MENTIONS[t.mentionKey][language].replace('{basis}', t.legalBasis ?? '');
}

/** "19 %", "5.5 %", "2.1 %". */
export function formatRate(rateBp: number): string {
  const whole = Math.trunc(rateBp / 100);
  const fraction = String(rateBp % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction} %` : `${whole} %`;
}
