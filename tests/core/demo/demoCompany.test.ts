import { expect, test } from 'vitest';
import { CompanyProfileInputSchema } from '../../../shared/company/profile.ts';
import { DEMO_COMPANY, demoCompanyProfile } from '../../../electron/core/demo/demoCompany.ts';

test('the demo company passes the company profile schema', () => {
  const parsed = CompanyProfileInputSchema.safeParse(DEMO_COMPANY);
  expect(parsed.error?.issues ?? []).toEqual([]);
});

test('the demo company is the Fès exporter the brief describes', () => {
  const profile = demoCompanyProfile();
  expect(profile).toMatchObject({
    legalName: 'Atlas Tapis & Céramique SARL',
    country: 'MA',
    baseCurrency: 'MAD',
    fiscalYearStart: { month: 1, day: 1 },
    defaultLanguage: 'fr',
    phone: '+212535642187',
  });
  expect(profile.addresses.map((a) => [a.kind, a.city])).toEqual([
    ['registered', 'Fès'],
    ['warehouse', 'Casablanca'],
  ]);
  expect(profile.bankAccounts.map((b) => [b.iban, b.bic, b.currency])).toEqual([
    ['MA64007270000123450003041576', 'BCMAMAMC', 'MAD'],
    ['MA64007780000123450003042843', 'BCMAMAMC', 'EUR'],
  ]);
  expect(profile.taxIds).toEqual([
    { scheme: 'MA_ICE', value: '002154879000087' },
    { scheme: 'MA_IF', value: '40218765' },
    { scheme: 'MA_RC', value: '58213 Fès' },
  ]);
});

test('the Moroccan account numbers carry a valid RIB key (bank + town + account + key ≡ 0 mod 97)', () => {
  for (const { iban } of demoCompanyProfile().bankAccounts) {
    expect(BigInt(iban.slice(4)) % 97n).toBe(0n);
  }
});
