import { describe, expect, it } from 'vitest';
import { decideTax, formatRate, mentionText, type TaxCase, type TaxCategory, type TaxClass, type TaxQuestion } from '../../../shared/invoicing/tax.ts';

type Row = [
  label: string,
  seller: string,
  buyer: string,
  vatId: string | null,
  taxClass: TaxClass,
  supply: 'goods' | 'services',
  expected: { case: TaxCase; category: TaxCategory; rateBp: number; basis?: string | null },
];

const B2C = null;
const DE_VAT = 'DE129273398';
const FR_VAT = 'FR40303265045';
const IT_VAT = 'IT00743110157';
const ES_VAT = 'ESA28017895';

// Seller country × buyer country × buyer VAT status × tax class → case, category, rate.
const MATRIX: Row[] = [
  // Germany, domestic
  ['DE→DE standard', 'DE', 'DE', B2C, 'standard', 'goods', { case: 'domestic', category: 'S', rateBp: 1900, basis: null }],
  ['DE→DE reduced', 'DE', 'DE', B2C, 'reduced', 'goods', { case: 'domestic', category: 'S', rateBp: 700 }],
  ['DE→DE business with VAT ID stays domestic', 'DE', 'DE', DE_VAT, 'standard', 'goods', { case: 'domestic', category: 'S', rateBp: 1900 }],
  ['DE→DE reduced service', 'DE', 'DE', B2C, 'reduced', 'services', { case: 'domestic', category: 'S', rateBp: 700 }],
  // Germany, EU
  ['DE→FR B2B goods: intra-EU supply', 'DE', 'FR', FR_VAT, 'standard', 'goods', { case: 'intraEuSupply', category: 'K', rateBp: 0, basis: '§ 4 Nr. 1b i. V. m. § 6a UStG' }],
  ['DE→IT B2B reduced goods: intra-EU supply', 'DE', 'IT', IT_VAT, 'reduced', 'goods', { case: 'intraEuSupply', category: 'K', rateBp: 0 }],
  ['DE→FR B2B services: reverse charge', 'DE', 'FR', FR_VAT, 'standard', 'services', { case: 'reverseCharge', category: 'AE', rateBp: 0 }],
  ['DE→FR consumer: German VAT', 'DE', 'FR', B2C, 'standard', 'goods', { case: 'distanceSale', category: 'S', rateBp: 1900 }],
  ['DE→AT consumer reduced', 'DE', 'AT', B2C, 'reduced', 'goods', { case: 'distanceSale', category: 'S', rateBp: 700 }],
  ['DE→ES consumer services', 'DE', 'ES', B2C, 'standard', 'services', { case: 'distanceSale', category: 'S', rateBp: 1900 }],
  // Germany, outside the EU
  ['DE→CH goods: export', 'DE', 'CH', B2C, 'standard', 'goods', { case: 'export', category: 'G', rateBp: 0, basis: '§ 4 Nr. 1a i. V. m. § 6 UStG' }],
  ['DE→US goods: export', 'DE', 'US', B2C, 'reduced', 'goods', { case: 'export', category: 'G', rateBp: 0 }],
  ['DE→GB goods: export after Brexit', 'DE', 'GB', B2C, 'standard', 'goods', { case: 'export', category: 'G', rateBp: 0 }],
  ['DE→MA goods: export', 'DE', 'MA', B2C, 'standard', 'goods', { case: 'export', category: 'G', rateBp: 0 }],
  ['DE→NO services to a consumer: German VAT', 'DE', 'NO', B2C, 'standard', 'services', { case: 'domestic', category: 'S', rateBp: 1900 }],
  // France, domestic (all four rates)
  ['FR→FR standard', 'FR', 'FR', B2C, 'standard', 'goods', { case: 'domestic', category: 'S', rateBp: 2000 }],
  ['FR→FR intermediate', 'FR', 'FR', B2C, 'intermediate', 'goods', { case: 'domestic', category: 'S', rateBp: 1000 }],
  ['FR→FR reduced', 'FR', 'FR', B2C, 'reduced', 'goods', { case: 'domestic', category: 'S', rateBp: 550 }],
  ['FR→FR super-reduced', 'FR', 'FR', B2C, 'superReduced', 'goods', { case: 'domestic', category: 'S', rateBp: 210 }],
  ['FR→FR business with VAT ID', 'FR', 'FR', FR_VAT, 'standard', 'goods', { case: 'domestic', category: 'S', rateBp: 2000 }],
  ['FR→MC Monaco is French for VAT', 'FR', 'MC', B2C, 'reduced', 'goods', { case: 'domestic', category: 'S', rateBp: 550 }],
  // France, EU
  ['FR→DE B2B goods: intra-EU supply', 'FR', 'DE', DE_VAT, 'standard', 'goods', { case: 'intraEuSupply', category: 'K', rateBp: 0, basis: 'art. 262 ter I du CGI' }],
  ['FR→ES B2B super-reduced goods', 'FR', 'ES', ES_VAT, 'superReduced', 'goods', { case: 'intraEuSupply', category: 'K', rateBp: 0 }],
  ['FR→DE B2B services: reverse charge', 'FR', 'DE', DE_VAT, 'intermediate', 'services', { case: 'reverseCharge', category: 'AE', rateBp: 0, basis: 'art. 283-2 du CGI, art. 196 directive 2006/112/CE' }],
  ['FR→BE consumer intermediate', 'FR', 'BE', B2C, 'intermediate', 'goods', { case: 'distanceSale', category: 'S', rateBp: 1000 }],
  // France, outside the EU
  ['FR→US goods: export', 'FR', 'US', B2C, 'standard', 'goods', { case: 'export', category: 'G', rateBp: 0, basis: 'art. 262 I du CGI' }],
  ['FR→MA goods: export', 'FR', 'MA', B2C, 'reduced', 'goods', { case: 'export', category: 'G', rateBp: 0 }],
  ['FR→CA services to a business: outside scope', 'FR', 'CA', 'CA123456789', 'standard', 'services', { case: 'outsideScope', category: 'O', rateBp: 0, basis: 'art. 259-1 du CGI' }],
  // Morocco
  ['MA→MA standard', 'MA', 'MA', B2C, 'standard', 'goods', { case: 'domestic', category: 'S', rateBp: 2000 }],
  ['MA→MA 14 %', 'MA', 'MA', B2C, 'intermediate', 'goods', { case: 'domestic', category: 'S', rateBp: 1400 }],
  ['MA→MA 10 %', 'MA', 'MA', B2C, 'reduced', 'goods', { case: 'domestic', category: 'S', rateBp: 1000 }],
  ['MA→MA 7 %', 'MA', 'MA', B2C, 'superReduced', 'goods', { case: 'domestic', category: 'S', rateBp: 700 }],
  ['MA→FR business: Moroccan export exemption', 'MA', 'FR', FR_VAT, 'standard', 'goods', { case: 'moroccanExport', category: 'G', rateBp: 0, basis: 'art. 92-I-1° du CGI' }],
  ['MA→US consumer: export exemption', 'MA', 'US', B2C, 'reduced', 'goods', { case: 'moroccanExport', category: 'G', rateBp: 0 }],
  ['MA→DE services: export exemption', 'MA', 'DE', DE_VAT, 'standard', 'services', { case: 'moroccanExport', category: 'G', rateBp: 0 }],
];

describe('tax matrix', () => {
  it('has at least 30 cases', () => expect(MATRIX.length).toBeGreaterThanOrEqual(30));

  it.each(MATRIX)('%s', (_label, seller, buyer, vatId, taxClass, supply, expected) => {
    const answer = decideTax({ seller: { country: seller }, buyer: { country: buyer, vatId, isBusiness: vatId !== null }, taxClass, supply });
    if (!answer.ok) throw new Error(answer.issue.message);
    expect({ case: answer.treatment.case, category: answer.treatment.category, rateBp: answer.treatment.rateBp }).toEqual({
      case: expected.case,
      category: expected.category,
      rateBp: expected.rateBp,
    });
    if (expected.basis !== undefined) expect(answer.treatment.legalBasis).toBe(expected.basis);
    // Every zero-rated or exempt case carries a mention, in every language; taxed lines none.
    for (const language of ['en', 'fr', 'de', 'ar'] as const) {
      const mention = mentionText(answer.treatment, language);
      if (expected.category === 'S') expect(mention).toBeNull();
      else expect(mention).toMatch(/\S{5,}/);
    }
  });
});

describe('refusals and overrides', () => {
  const base: TaxQuestion = { seller: { country: 'DE' }, buyer: { country: 'DE' }, taxClass: 'standard' };

  it('refuses a tax class the seller country does not have', () => {
    const answer = decideTax({ ...base, taxClass: 'superReduced' });
    expect(answer).toMatchObject({ ok: false, issue: { key: 'invoices.tax.classNotInCountry', params: { country: 'DE', taxClass: 'superReduced' } } });
  });

  it('refuses a seller country whose rules it does not know', () => {
    expect(decideTax({ ...base, seller: { country: 'IT' } })).toMatchObject({ ok: false, issue: { key: 'invoices.tax.unsupportedSellerCountry' } });
  });

  it('a per-line override wins over the rules', () => {
    const answer = decideTax({ ...base, buyer: { country: 'US' }, override: { category: 'S', rateBp: 700 } });
    expect(answer).toMatchObject({ ok: true, treatment: { case: 'override', category: 'S', rateBp: 700 } });
    const exempt = decideTax({ ...base, override: { category: 'E', rateBp: 0, mention: 'Steuerfrei nach § 4 Nr. 14 UStG' } });
    expect(exempt.ok && mentionText(exempt.treatment, 'fr')).toBe('Steuerfrei nach § 4 Nr. 14 UStG');
  });

  it('an override must be coherent: exempt needs a reason and no rate, standard needs a rate', () => {
    expect(decideTax({ ...base, override: { category: 'E', rateBp: 0 } })).toMatchObject({ ok: false, issue: { key: 'invoices.tax.overrideMention' } });
    expect(decideTax({ ...base, override: { category: 'E', rateBp: 700, mention: 'x' } })).toMatchObject({ ok: false, issue: { key: 'invoices.tax.overrideExemptRate' } });
    expect(decideTax({ ...base, override: { category: 'S', rateBp: 0 } })).toMatchObject({ ok: false, issue: { key: 'invoices.tax.overrideStandardZero' } });
    expect(decideTax({ ...base, override: { category: 'S', rateBp: 10001 } })).toMatchObject({ ok: false, issue: { key: 'invoices.tax.overrideRate' } });
  });

  it('writes the mention in the document language with the seller country’s law', () => {
    const answer = decideTax({ seller: { country: 'FR' }, buyer: { country: 'DE', vatId: DE_VAT }, taxClass: 'standard' });
    if (!answer.ok) throw new Error('expected a treatment');
    expect(mentionText(answer.treatment, 'fr')).toBe('Exonération de TVA, livraison intracommunautaire de biens (art. 262 ter I du CGI).');
    expect(mentionText(answer.treatment, 'de')).toBe('Steuerfreie innergemeinschaftliche Lieferung (art. 262 ter I du CGI).');
    const ma = decideTax({ seller: { country: 'MA' }, buyer: { country: 'US' }, taxClass: 'standard' });
    if (!ma.ok) throw new Error('expected a treatment');
    expect(mentionText(ma.treatment, 'ar')).toContain('معفى');
    expect(mentionText(ma.treatment, 'fr')).toBe('Exonéré de TVA : exportation (art. 92-I-1° du CGI marocain).');
  });

  it('formats rates', () => {
    expect([1900, 550, 210, 2000, 0].map(formatRate)).toEqual(['19 %', '5.5 %', '2.1 %', '20 %', '0 %']);
  });
});
