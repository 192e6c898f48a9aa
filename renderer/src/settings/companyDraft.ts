/**
 * The company profile form's state and its rules, without React: what the inputs hold (strings,
 * as typed), how that becomes the call's input, and which input an issue belongs to. Validation
 * is CompanyProfileInputSchema itself, the schema the core checks company.save with, so the form
 * cannot accept what the core refuses, nor the other way round.
 */
import {
  CompanyProfileInputSchema,
  type CompanyProfile,
  type CompanyProfileInput,
} from '../../../shared/company/profile.ts';
import type { Language } from '../../../shared/contract/app.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { isEuCountryCode } from '../../../shared/reference/countries.ts';
import type { TaxIdScheme } from '../../../shared/validation/taxIds.ts';
import { formatIban, formatPhone } from '../format.ts';
import { fieldIssuesFromZod } from '../lib/issues.ts';

export type AddressKind = CompanyProfile['addresses'][number]['kind'];

export interface AddressDraft {
  uid: string;
  kind: AddressKind;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  region: string;
  country: string;
}

export interface BankAccountDraft {
  uid: string;
  bankName: string;
  accountHolder: string;
  iban: string;
  bic: string;
  currency: string;
}

export interface TaxIdDraft {
  uid: string;
  scheme: TaxIdScheme;
  value: string;
}

export interface CompanyDraft {
  legalName: string;
  tradeName: string;
  country: string;
  baseCurrency: string;
  fiscalMonth: string;
  fiscalDay: string;
  defaultLanguage: Language;
  email: string;
  phone: string;
  website: string;
  addresses: AddressDraft[];
  bankAccounts: BankAccountDraft[];
  taxIds: TaxIdDraft[];
}

export const LIST_FIELDS = ['addresses', 'bankAccounts', 'taxIds'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

let uidCounter = 0;
/**
 * List entries get a uid so an input keeps its identity (focus, touched state, error) when an
 * entry above it is removed; array indices would shift.
 */
function uid(prefix: string): string {
  uidCounter += 1;
  return `${prefix}${uidCounter}`;
}

export function emptyAddress(kind: AddressKind, country = ''): AddressDraft {
  return { uid: uid('a'), kind, line1: '', line2: '', postalCode: '', city: '', region: '', country };
}

export function emptyBankAccount(currency = ''): BankAccountDraft {
  return { uid: uid('b'), bankName: '', accountHolder: '', iban: '', bic: '', currency };
}

/** The tax ID a company in `country` most likely enters first. */
export function suggestedTaxScheme(country: string): TaxIdScheme {
  if (country === 'MA') return 'MA_ICE';
  if (isEuCountryCode(country)) return 'EU_VAT';
  return 'OTHER';
}

export function emptyTaxId(country = ''): TaxIdDraft {
  return { uid: uid('t'), scheme: suggestedTaxScheme(country), value: '' };
}

/** A new profile: one registered address to fill in, the fiscal year starting on 1 January. */
export function emptyDraft(language: Language): CompanyDraft {
  return {
    legalName: '',
    tradeName: '',
    country: '',
    baseCurrency: '',
    fiscalMonth: '1',
    fiscalDay: '1',
    defaultLanguage: language,
    email: '',
    phone: '',
    website: '',
    addresses: [emptyAddress('registered')],
    bankAccounts: [],
    taxIds: [],
  };
}

export function draftFromProfile(profile: CompanyProfile): CompanyDraft {
  return {
    legalName: profile.legalName,
    tradeName: profile.tradeName ?? '',
    country: profile.country,
    baseCurrency: profile.baseCurrency,
    fiscalMonth: String(profile.fiscalYearStart.month),
    fiscalDay: String(profile.fiscalYearStart.day),
    defaultLanguage: profile.defaultLanguage,
    email: profile.email ?? '',
    phone: profile.phone === null ? '' : formatPhone(profile.phone),
    website: profile.website ?? '',
    addresses: profile.addresses.map((a) => ({
      uid: uid('a'),
      kind: a.kind,
      line1: a.line1,
      line2: a.line2 ?? '',
      postalCode: a.postalCode ?? '',
      city: a.city,
      region: a.region ?? '',
      country: a.country,
    })),
    bankAccounts: profile.bankAccounts.map((b) => ({
      uid: uid('b'),
      bankName: b.bankName ?? '',
      accountHolder: b.accountHolder ?? '',
      // Stored without spaces; shown in groups of four as on a bank statement.
      iban: formatIban(b.iban),
      bic: b.bic ?? '',
      currency: b.currency,
    })),
    taxIds: profile.taxIds.map((t) => ({ uid: uid('t'), scheme: t.scheme, value: t.value })),
  };
}

/** An empty number input becomes NaN, which the schema reports as "enter a valid value". */
function toInt(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}

/** What company.save receives. Blank optional texts stay '' here; the schema turns them into null. */
export function draftToInput(draft: CompanyDraft): CompanyProfileInput {
  return {
    legalName: draft.legalName,
    tradeName: draft.tradeName,
    country: draft.country,
    baseCurrency: draft.baseCurrency,
    fiscalYearStart: { month: toInt(draft.fiscalMonth), day: toInt(draft.fiscalDay) },
    defaultLanguage: draft.defaultLanguage,
    email: draft.email,
    phone: draft.phone,
    website: draft.website,
    addresses: draft.addresses.map(({ uid: _uid, ...a }) => a),
    bankAccounts: draft.bankAccounts.map(({ uid: _uid, ...b }) => b),
    taxIds: draft.taxIds.map(({ uid: _uid, ...t }) => t),
  };
}

/** The schema's verdict on the draft, as the core would answer it. */
export function validateDraft(draft: CompanyDraft): FieldIssue[] {
  const result = CompanyProfileInputSchema.safeParse(draftToInput(draft));
  return result.success ? [] : fieldIssuesFromZod(result.error);
}

/**
 * The input an issue path belongs to, in uid form: "bankAccounts.0.iban" → "bankAccounts.b7.iban",
 * "fiscalYearStart.day" → "fiscalDay". A path naming a whole list ("addresses") stays as is and
 * is shown above that list; "" is about the whole form.
 */
export function fieldKeyOf(draft: CompanyDraft, path: string): string {
  const [head = '', second, third] = path.split('.');
  if (head === 'fiscalYearStart') return second === 'month' ? 'fiscalMonth' : 'fiscalDay';
  if ((LIST_FIELDS as readonly string[]).includes(head) && second !== undefined) {
    const entry = draft[head as ListField][Number(second)];
    if (!entry) return head;
    return third === undefined ? `${head}.${entry.uid}` : `${head}.${entry.uid}.${third}`;
  }
  return head;
}

/** Issues keyed by input (uid form); the first issue per input wins, as the schema lists the most basic first. */
export function issuesByField(draft: CompanyDraft, issues: readonly FieldIssue[]): Map<string, FieldIssue> {
  const byField = new Map<string, FieldIssue>();
  for (const issue of issues) {
    const key = fieldKeyOf(draft, issue.path);
    if (!byField.has(key)) byField.set(key, issue);
  }
  return byField;
}

/** Where a field key points: its list, the entry's position (1-based, for "Address 2") and the input name. */
export function describeFieldKey(
  draft: CompanyDraft,
  key: string,
): { list?: ListField; position?: number; field: string } {
  const [head = '', entryUid, field] = key.split('.');
  if ((LIST_FIELDS as readonly string[]).includes(head) && entryUid !== undefined) {
    const list = head as ListField;
    const index = draft[list].findIndex((e) => e.uid === entryUid);
    return { list, position: index + 1, field: field ?? '' };
  }
  return { field: head };
}

/** The i18n key of the label of an input, by its name within its list (or at the top level). */
export function labelKeyOf(list: ListField | undefined, field: string): string {
  if (list === 'addresses') return field === 'kind' ? 'company.fields.addressKind' : `company.fields.${field}`;
  if (list === 'bankAccounts') return field === 'currency' ? 'company.fields.accountCurrency' : `company.fields.${field}`;
  if (list === 'taxIds') return field === 'scheme' ? 'company.fields.taxScheme' : 'company.fields.taxValue';
  if ((LIST_FIELDS as readonly string[]).includes(field)) return `company.sections.${field}`;
  return `company.fields.${field}`;
}

/** The i18n key naming a list entry: "company.address" → "Address {{n}}". */
export function entryKeyOf(list: ListField): string {
  return list === 'addresses' ? 'company.address' : list === 'bankAccounts' ? 'company.bankAccount' : 'company.taxId';
}

/** Two drafts hold the same profile (uids aside). */
export function sameProfile(a: CompanyDraft, b: CompanyDraft): boolean {
  return JSON.stringify(draftToInput(a)) === JSON.stringify(draftToInput(b));
}
