import { describe, expect, it } from 'vitest';
import { CompanyProfileInputSchema, type CompanyProfile } from '../../shared/company/profile.ts';
import { createI18n } from '../../renderer/src/i18n/index.ts';
import { fieldIssuesFromZod, translateIssue } from '../../renderer/src/lib/issues.ts';
import {
  draftFromProfile,
  draftToInput,
  emptyBankAccount,
  emptyDraft,
  fieldKeyOf,
  issuesByField,
  suggestedTaxScheme,
  validateDraft,
  type CompanyDraft,
} from '../../renderer/src/settings/companyDraft.ts';

// The company form's logic without the browser: the same schema as the core, issue paths
// mapped onto inputs, and translated messages that name the field.

function validDraft(): CompanyDraft {
  const draft = emptyDraft('en');
  draft.legalName = 'Weberei Albrecht GmbH';
  draft.country = 'DE';
  draft.baseCurrency = 'EUR';
  draft.addresses[0] = { ...draft.addresses[0]!, line1: 'Hauptstraße 12', city: 'Bielefeld', country: 'DE' };
  return draft;
}

const STORED: CompanyProfile = {
  legalName: 'Atlas Tissage SARL',
  tradeName: null,
  country: 'MA',
  baseCurrency: 'MAD',
  fiscalYearStart: { month: 1, day: 1 },
  defaultLanguage: 'fr',
  email: null,
  phone: '+212535641200',
  website: null,
  addresses: [{ kind: 'registered', line1: '14, Rue Ibn Khaldoun', line2: null, postalCode: '30000', city: 'Fès', region: null, country: 'MA' }],
  bankAccounts: [{ bankName: null, accountHolder: null, iban: 'DE89370400440532013000', bic: 'DEUTDEFF', currency: 'EUR' }],
  taxIds: [{ scheme: 'MA_ICE', value: '001561191000066' }],
  hasLogo: false,
  updatedAt: '2026-01-31T12:00:00.000Z',
};

describe('the company draft', () => {
  it('starts with one registered address and the fiscal year on 1 January', () => {
    const draft = emptyDraft('ar');
    expect(draft.addresses).toHaveLength(1);
    expect(draft.addresses[0]?.kind).toBe('registered');
    expect(draft.defaultLanguage).toBe('ar');
    expect([draft.fiscalMonth, draft.fiscalDay]).toEqual(['1', '1']);
  });

  it('reports what a new profile still needs, with the paths the core would use', () => {
    const paths = validateDraft(emptyDraft('en')).map((i) => `${i.path} ${i.key}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'legalName validation.required',
        'country validation.country',
        'baseCurrency validation.currency',
        'addresses.0.line1 validation.required',
        'addresses.0.city validation.required',
        'addresses.0.country validation.country',
      ]),
    );
  });

  it('accepts a complete draft and sends what the schema accepts', () => {
    const draft = validDraft();
    expect(validateDraft(draft)).toEqual([]);
    const parsed = CompanyProfileInputSchema.parse(draftToInput(draft));
    expect(parsed).toMatchObject({ legalName: 'Weberei Albrecht GmbH', tradeName: null, email: null, fiscalYearStart: { month: 1, day: 1 } });
  });

  it('finds a wrong IBAN at that account’s IBAN input', () => {
    const draft = validDraft();
    draft.bankAccounts = [emptyBankAccount('EUR'), { ...emptyBankAccount('EUR'), iban: 'DE89370400440532013001' }];
    draft.bankAccounts[0]!.iban = 'DE89370400440532013000';
    const byField = issuesByField(draft, validateDraft(draft));
    const second = draft.bankAccounts[1]!.uid;
    expect([...byField.keys()]).toEqual([`bankAccounts.${second}.iban`]);
    expect(byField.get(`bankAccounts.${second}.iban`)?.key).toBe('validation.iban.checksum');
  });

  it('maps the core’s issue paths onto inputs, list entries by identity', () => {
    const draft = draftFromProfile(STORED);
    const bank = draft.bankAccounts[0]!.uid;
    const tax = draft.taxIds[0]!.uid;
    expect(fieldKeyOf(draft, 'bankAccounts.0.iban')).toBe(`bankAccounts.${bank}.iban`);
    expect(fieldKeyOf(draft, 'taxIds.0.value')).toBe(`taxIds.${tax}.value`);
    expect(fieldKeyOf(draft, 'fiscalYearStart.day')).toBe('fiscalDay');
    expect(fieldKeyOf(draft, 'fiscalYearStart.month')).toBe('fiscalMonth');
    expect(fieldKeyOf(draft, 'addresses')).toBe('addresses');
    expect(fieldKeyOf(draft, 'addresses.7.city')).toBe('addresses');
    expect(fieldKeyOf(draft, 'legalName')).toBe('legalName');
  });

  it('shows a stored profile readably and sends it back unchanged', () => {
    const draft = draftFromProfile(STORED);
    expect(draft.bankAccounts[0]?.iban).toBe('DE89 3704 0044 0532 0130 00');
    expect(draft.phone).toBe('+212 5 35 64 12 00');
    expect(draft.tradeName).toBe('');
    const parsed = CompanyProfileInputSchema.parse(draftToInput(draft));
    const { hasLogo: _hasLogo, updatedAt: _updatedAt, ...stored } = STORED;
    expect(parsed).toEqual(stored);
  });

  it('treats an empty day as a problem, not as day 0', () => {
    const draft = validDraft();
    draft.fiscalDay = '';
    expect(issuesByField(draft, validateDraft(draft)).get('fiscalDay')?.key).toBe('validation.invalid_type');
    draft.fiscalMonth = '2';
    draft.fiscalDay = '30';
    expect(issuesByField(draft, validateDraft(draft)).get('fiscalDay')?.key).toBe('validation.fiscalYearStart.day');
  });

  it('suggests the tax ID a company of that country enters first', () => {
    expect(suggestedTaxScheme('MA')).toBe('MA_ICE');
    expect(suggestedTaxScheme('FR')).toBe('EU_VAT');
    expect(suggestedTaxScheme('US')).toBe('OTHER');
  });
});

describe('issues', () => {
  it('name the field and carry the key the core would answer', () => {
    const result = CompanyProfileInputSchema.safeParse(draftToInput({ ...validDraft(), legalName: 'x'.repeat(201) }));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldIssuesFromZod(result.error)).toEqual([
      expect.objectContaining({ path: 'legalName', key: 'validation.too_big.string', params: { maximum: 200 } }),
    ]);
  });

  it('read in the interface language and name the field', () => {
    const fr = createI18n('fr');
    expect(translateIssue(fr, { path: 'legalName', key: 'validation.required', message: '' }, 'Raison sociale')).toBe(
      '« Raison sociale » est obligatoire.',
    );
    const de = createI18n('de');
    expect(
      translateIssue(de, { path: 'legalName', key: 'validation.too_big.string', message: '', params: { maximum: 200 } }, 'Firmenname'),
    ).toBe('„Firmenname“ darf höchstens 200 Zeichen haben.');
    const ar = createI18n('ar');
    expect(translateIssue(ar, { path: 'bankAccounts.0.iban', key: 'validation.iban.checksum', message: '' }, 'IBAN')).toBe(
      'أرقام التحقق في IBAN غير صحيحة: تحقّق من وجود خطأ في الكتابة.',
    );
  });

  it('find the message of a key that is also a prefix of other keys', () => {
    const en = createI18n('en');
    expect(translateIssue(en, { path: 'hsCode', key: 'validation.hsCode', message: '' }, 'HS code')).toBe(
      'An HS code has 6 to 10 digits, e.g. 5701.10.',
    );
  });

  it('fall back to a translated sentence for a key this window does not know', () => {
    const en = createI18n('en');
    expect(translateIssue(en, { path: 'x', key: 'validation.fromTheFuture', message: 'English only' }, 'Legal name')).toBe(
      'Legal name is not valid.',
    );
  });
});
