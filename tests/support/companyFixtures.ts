import type { CompanyProfileInput } from '../../shared/company/profile.ts';

/** A German exporter whose every identifier is valid; tests break one field at a time. */
export function validProfile(): CompanyProfileInput {
  return {
    legalName: '  Weberei Hansen GmbH ',
    tradeName: '',
    country: 'de',
    baseCurrency: 'eur',
    fiscalYearStart: { month: 1, day: 1 },
    defaultLanguage: 'de',
    email: 'Export@Hansen-Weberei.de',
    phone: '040 1234567',
    website: 'hansen-weberei.de',
    addresses: [
      { kind: 'registered', line1: 'Speicherstadt 12', postalCode: '20457', city: 'Hamburg', country: 'DE' },
    ],
    bankAccounts: [
      { bankName: 'Commerzbank', accountHolder: 'Weberei Hansen GmbH', iban: 'de89 3704 0044 0532 0130 00', bic: 'deutdeff', currency: 'EUR' },
    ],
    taxIds: [
      { scheme: 'EU_VAT', value: 'DE 136 695 976' },
      { scheme: 'DE_STEUERNUMMER', value: '2181508150' },
    ],
  };
}
