import { CompanyProfileInputSchema, type CompanyProfileData, type CompanyProfileInput } from '../../../shared/company/profile.ts';

/**
 * The demo exporter: a rug, ceramics and argan oil house in Fès that ships to Europe. Every number
 * in it is made up but has the real layout: the IBANs carry a valid Moroccan RIB key and valid IBAN
 * check digits, the BIC is Attijariwafa bank's, the ICE has 15 digits, the IF 8 and the RC names
 * the Fès court. Addresses are plausible, not real.
 */
export const DEMO_COMPANY: CompanyProfileInput = {
  legalName: 'Atlas Tapis & Céramique SARL',
  tradeName: 'Atlas Tapis & Céramique',
  country: 'MA',
  baseCurrency: 'MAD',
  fiscalYearStart: { month: 1, day: 1 },
  defaultLanguage: 'fr',
  email: 'export@atlas-tapis-ceramique.ma',
  phone: '+212 535 64 21 87',
  website: 'https://www.atlas-tapis-ceramique.ma',
  addresses: [
    {
      kind: 'registered',
      line1: '14, Derb Sidi Ahmed Chaoui, Talaa Kebira',
      line2: 'Fès el-Bali',
      postalCode: '30110',
      city: 'Fès',
      region: 'Fès-Meknès',
      country: 'MA',
    },
    {
      kind: 'warehouse',
      line1: 'Lot 112, Zone Industrielle Aïn Sebaâ',
      line2: 'Entrepôt B',
      postalCode: '20250',
      city: 'Casablanca',
      region: 'Casablanca-Settat',
      country: 'MA',
    },
  ],
  bankAccounts: [
    {
      bankName: 'Attijariwafa bank — Agence Fès Batha',
      accountHolder: 'Atlas Tapis & Céramique SARL',
      iban: 'MA64 0072 7000 0123 4500 0304 1576',
      bic: 'BCMAMAMC',
      currency: 'MAD',
    },
    {
      // Moroccan exporters keep their export receipts in a foreign-currency account (compte en devises).
      bankName: 'Attijariwafa bank — Centre Affaires Casablanca',
      accountHolder: 'Atlas Tapis & Céramique SARL',
      iban: 'MA64 0077 8000 0123 4500 0304 2843',
      bic: 'BCMAMAMC',
      currency: 'EUR',
    },
  ],
  taxIds: [
    { scheme: 'MA_ICE', value: '002154879000087' },
    { scheme: 'MA_IF', value: '40218765' },
    { scheme: 'MA_RC', value: '58213 Fès' },
  ],
};

/** The demo company as the profile schema normalises it; throws if the demo ever stops being valid. */
export function demoCompanyProfile(): CompanyProfileData {
  return CompanyProfileInputSchema.parse(DEMO_COMPANY);
}
