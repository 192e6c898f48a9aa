import type {
  Contact,
  ContactAddressKind,
  ContactInput,
  ContactKind,
  ContactRole,
  ContactSource,
  PaymentTermsKind,
} from '../../../shared/contacts/contact.ts';
import { formatAmount, parseAmount } from '../../../shared/money.ts';
import type { TaxIdScheme } from '../../../shared/validation/taxIds.ts';

/** The form's copy of a contact: every input as typed (strings), lists with stable keys for React. */
export interface AddressDraft {
  key: string;
  kind: ContactAddressKind;
  recipient: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  region: string;
  country: string;
}

export interface ContactDraft {
  kind: ContactKind;
  name: string;
  organisationId: number | null;
  organisationName: string | null;
  jobTitle: string;
  role: ContactRole;
  country: string;
  emails: { key: string; address: string }[];
  phones: { key: string; number: string }[];
  website: string;
  addresses: AddressDraft[];
  taxIds: { key: string; scheme: TaxIdScheme; value: string }[];
  language: string;
  currency: string;
  paymentKind: PaymentTermsKind;
  paymentDays: string;
  creditLimit: string;
  creditCurrency: string;
  tags: string[];
  notes: string;
  source: ContactSource | '';
  sourceDetail: string;
  marketplaceIds: { key: string; marketplace: string; buyerId: string }[];
}

let next = 0;
export const newKey = () => `k${++next}`;

export function emptyAddress(kind: ContactAddressKind, country = ''): AddressDraft {
  return { key: newKey(), kind, recipient: '', line1: '', line2: '', postalCode: '', city: '', region: '', country };
}

export function emptyDraft(country: string, currency: string): ContactDraft {
  return {
    kind: 'organisation',
    name: '',
    organisationId: null,
    organisationName: null,
    jobTitle: '',
    role: 'buyer',
    country: '',
    emails: [{ key: newKey(), address: '' }],
    phones: [{ key: newKey(), number: '' }],
    website: '',
    addresses: [emptyAddress('billing', country)],
    taxIds: [],
    language: '',
    currency,
    paymentKind: 'net',
    paymentDays: '30',
    creditLimit: '',
    creditCurrency: currency,
    tags: [],
    notes: '',
    source: '',
    sourceDetail: '',
    marketplaceIds: [],
  };
}

export function draftFromContact(c: Contact): ContactDraft {
  return {
    kind: c.kind,
    name: c.name,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    jobTitle: c.jobTitle ?? '',
    role: c.role,
    country: c.addresses.length === 0 ? (c.country ?? '') : '',
    emails: c.emails.map((e) => ({ key: newKey(), address: e.address })),
    phones: c.phones.map((p) => ({ key: newKey(), number: p.number })),
    website: c.website ?? '',
    addresses: c.addresses.map((a) => ({
      key: newKey(),
      kind: a.kind,
      recipient: a.recipient ?? '',
      line1: a.line1,
      line2: a.line2 ?? '',
      postalCode: a.postalCode ?? '',
      city: a.city,
      region: a.region ?? '',
      country: a.country,
    })),
    taxIds: c.taxIds.map((t) => ({ key: newKey(), scheme: t.scheme, value: t.value })),
    language: c.language ?? '',
    currency: c.currency ?? '',
    paymentKind: c.paymentTerms.kind,
    paymentDays: c.paymentTerms.kind === 'prepayment' ? '' : String(c.paymentTerms.days),
    creditLimit: c.creditLimit ? formatAmount(c.creditLimit.amountMinor, c.creditLimit.currency) : '',
    creditCurrency: c.creditLimit?.currency ?? c.currency ?? '',
    tags: c.tags,
    notes: c.notes ?? '',
    source: c.source ?? '',
    sourceDetail: c.sourceDetail ?? '',
    marketplaceIds: c.marketplaceIds.map((m) => ({ key: newKey(), ...m })),
  };
}

/** Where a problem found here (not by the core) goes: a path as the core would name it. */
export interface LocalIssue {
  path: string;
  key: string;
}

/** The input the core takes; blank rows are left out; amounts the form cannot read become local issues. */
export function draftToInput(d: ContactDraft): { input: ContactInput; issues: LocalIssue[] } {
  const issues: LocalIssue[] = [];
  let creditLimit: ContactInput['creditLimit'] = null;
  if (d.creditLimit.trim() !== '') {
    const currency = d.creditCurrency || d.currency;
    const parsed = currency === '' ? null : parseAmount(d.creditLimit, currency);
    if (parsed === null) issues.push({ path: 'creditLimit.currency', key: 'contacts.form.creditCurrency' });
    else if (!parsed.ok || parsed.amountMinor < 0) issues.push({ path: 'creditLimit.amountMinor', key: 'contacts.form.creditAmount' });
    else creditLimit = { amountMinor: parsed.amountMinor, currency };
  }
  const days = Number(d.paymentDays === '' ? '0' : d.paymentDays);
  if (d.paymentKind !== 'prepayment' && !(Number.isInteger(days) && days >= 0 && days <= 365)) {
    issues.push({ path: 'paymentTerms.days', key: 'contacts.form.paymentDays' });
  }
  const paymentTerms: ContactInput['paymentTerms'] =
    d.paymentKind === 'prepayment' ? { kind: 'prepayment' } : { kind: d.paymentKind, days: Number.isInteger(days) ? days : 0 };
  const blankAddress = (a: AddressDraft) => [a.recipient, a.line1, a.line2, a.postalCode, a.city, a.region].every((v) => v.trim() === '');
  const addresses = d.addresses.filter((a) => !blankAddress(a));
  // An address row with only its country chosen is not sent, but it still says where the contact is
  // (and how a phone number without + is read).
  const country = d.country !== '' ? d.country : addresses.length === 0 ? d.addresses[0]?.country || null : null;
  return {
    issues,
    input: {
      kind: d.kind,
      name: d.name,
      organisationId: d.kind === 'person' ? d.organisationId : null,
      jobTitle: d.kind === 'person' ? d.jobTitle : null,
      role: d.role,
      country,
      emails: d.emails.filter((e) => e.address.trim() !== '').map((e) => ({ address: e.address })),
      phones: d.phones.filter((p) => p.number.trim() !== '').map((p) => ({ number: p.number })),
      website: d.website,
      addresses: addresses.map((a) => ({ kind: a.kind, recipient: a.recipient, line1: a.line1, line2: a.line2, postalCode: a.postalCode, city: a.city, region: a.region, country: a.country })),
      taxIds: d.taxIds.filter((t) => t.value.trim() !== '').map((t) => ({ scheme: t.scheme, value: t.value })),
      language: d.language === '' ? null : d.language,
      currency: d.currency === '' ? null : d.currency,
      paymentTerms,
      creditLimit,
      tags: d.tags,
      notes: d.notes,
      source: d.source === '' ? null : d.source,
      sourceDetail: d.sourceDetail,
      marketplaceIds: d.marketplaceIds.filter((m) => m.buyerId.trim() !== '').map((m) => ({ marketplace: m.marketplace, buyerId: m.buyerId })),
    },
  };
}

/**
 * The core names list entries by position among the rows it was sent; the form shows all rows,
 * blank ones included. Maps "emails.1.address" (second non-blank email) to the draft row's key.
 */
export function draftPathOf(d: ContactDraft, path: string): string {
  const [list, index, ...rest] = path.split('.');
  const lists: Record<string, { key: string; blank: boolean }[]> = {
    emails: d.emails.map((e) => ({ key: e.key, blank: e.address.trim() === '' })),
    phones: d.phones.map((p) => ({ key: p.key, blank: p.number.trim() === '' })),
    taxIds: d.taxIds.map((t) => ({ key: t.key, blank: t.value.trim() === '' })),
    marketplaceIds: d.marketplaceIds.map((m) => ({ key: m.key, blank: m.buyerId.trim() === '' })),
    addresses: d.addresses.map((a) => ({ key: a.key, blank: [a.recipient, a.line1, a.line2, a.postalCode, a.city, a.region].every((v) => v.trim() === '') })),
  };
  const rows = list === undefined ? undefined : lists[list];
  if (rows === undefined || index === undefined || !/^\d+$/.test(index)) return path;
  const row = rows.filter((r) => !r.blank)[Number(index)];
  return row === undefined ? path : [list, row.key, ...rest].join('.');
}
