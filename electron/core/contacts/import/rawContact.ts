import { CONTACT_SOURCES, type ContactInput, type ContactRole, type ContactSource } from '../../../../shared/contacts/contact.ts';
import type { ContactImportField } from '../../../../shared/contacts/importFields.ts';
import { cell, type ColumnMapping } from '../../../../shared/import/columnMapping.ts';
import { countryFromText } from '../../../../shared/reference/countryNames.ts';
import { foldText } from '../../../../shared/text/fold.ts';

/**
 * A contact as a file holds it, every value still text: what a spreadsheet row (through the
 * column mapping) and a vCard both turn into before one conversion to a contact.
 */
export interface RawAddress {
  kind: 'billing' | 'shipping';
  street: string;
  street2: string;
  postalCode: string;
  city: string;
  region: string;
  country: string;
}

export interface RawContact {
  /** Line or row number in the file, for messages. */
  line: number;
  name: string;
  firstName: string;
  lastName: string;
  organisation: string;
  jobTitle: string;
  kind: string;
  role: string;
  emails: string[];
  phones: string[];
  website: string;
  addresses: RawAddress[];
  vatId: string;
  ice: string;
  taxId: string;
  tags: string[];
  notes: string;
  language: string;
  currency: string;
  paymentDays: string;
  source: string;
}

export function emptyRawContact(line: number): RawContact {
  return {
    line, name: '', firstName: '', lastName: '', organisation: '', jobTitle: '', kind: '', role: '',
    emails: [], phones: [], website: '', addresses: [], vatId: '', ice: '', taxId: '', tags: [], notes: '',
    language: '', currency: '', paymentDays: '', source: '',
  };
}

/** Google writes several values in one cell as "a ::: b". */
const multi = (value: string) => value.split(/\s*:::\s*/).map((v) => v.trim()).filter(Boolean);

/** Google's own labels, not the user's tags. */
const SYSTEM_LABELS = /^\*\s*(mycontacts|starred)$/i;

export function rowToRaw(row: readonly string[], mapping: ColumnMapping<ContactImportField>, line: number): RawContact {
  const get = (f: ContactImportField) => cell(row, mapping, f);
  const raw = emptyRawContact(line);
  raw.name = get('name');
  raw.firstName = get('firstName');
  raw.lastName = get('lastName');
  raw.organisation = get('organisation');
  raw.jobTitle = get('jobTitle');
  raw.kind = get('kind');
  raw.role = get('role');
  raw.emails = (['email1', 'email2', 'email3'] as const).flatMap((f) => multi(get(f)));
  raw.phones = (['phone1', 'phone2', 'phone3'] as const).flatMap((f) => multi(get(f)));
  raw.website = multi(get('website'))[0] ?? '';
  const address: RawAddress = {
    kind: 'billing',
    street: get('street'),
    street2: get('street2'),
    postalCode: get('postalCode'),
    city: get('city'),
    region: get('region'),
    country: get('country'),
  };
  if (Object.entries(address).some(([k, v]) => k !== 'kind' && v !== '')) raw.addresses = [address];
  raw.vatId = get('vatId');
  raw.ice = get('ice');
  raw.taxId = get('taxId');
  raw.tags = get('tags')
    .split(/\s*(?::::|[,;])\s*/)
    .map((t) => t.trim())
    .filter((t) => t !== '' && !SYSTEM_LABELS.test(t));
  raw.notes = get('notes');
  raw.language = get('language');
  raw.currency = get('currency');
  raw.paymentDays = get('paymentDays');
  raw.source = get('source');
  return raw;
}

const ROLE_WORDS: Record<string, ContactRole> = {
  buyer: 'buyer', customer: 'buyer', client: 'buyer', acheteur: 'buyer', kunde: 'buyer', kaufer: 'buyer', مشتري: 'buyer', زبون: 'buyer',
  supplier: 'supplier', vendor: 'supplier', fournisseur: 'supplier', lieferant: 'supplier', مورد: 'supplier',
  both: 'both', 'buyer supplier': 'both', 'supplier buyer': 'both',
};

const ORGANISATION_WORDS = new Set(['organisation', 'organization', 'org', 'company', 'societe', 'entreprise', 'firma', 'unternehmen', 'شركه']);
const PERSON_WORDS = new Set(['person', 'personne', 'individual', 'individuel', 'privat', 'شخص']);

/** A value the file holds that cannot be read: kept as an issue on its field. */
export interface RawIssue {
  field: ContactImportField;
  key: string;
  message: string;
  params?: Record<string, string | number>;
}

/** One contact to create, as schema input, with the file fields its input paths came from. */
export interface Converted {
  input: ContactInput;
  /** Input path prefix → the file field it was read from ("emails.1" → "email2"). */
  fields: Record<string, ContactImportField>;
}

export interface ConvertedRow {
  line: number;
  /** An organisation named by the row (created or found), which `person` belongs to. */
  organisation: Converted | null;
  person: Converted | null;
  issues: RawIssue[];
}

function sourceOf(text: string): { source: ContactSource | null; detail: string | null } {
  if (text === '') return { source: 'import', detail: null };
  const folded = foldText(text).replace(/[^\p{L}\p{N}]+/gu, '_');
  const known = CONTACT_SOURCES.find((s) => folded === s || folded.startsWith(`${s}_`));
  if (known !== undefined) return { source: known, detail: folded === known ? null : text };
  if (folded.includes('alibaba')) return { source: 'alibaba', detail: text };
  if (/fair|messe|salon/.test(folded)) return { source: 'trade_fair', detail: text };
  return { source: 'other', detail: text };
}

/** Turns the text of a file into contact inputs; values that cannot be read become issues on their field. */
export function convertRaw(raw: RawContact): ConvertedRow {
  const issues: RawIssue[] = [];
  const personName = raw.firstName || raw.lastName ? [raw.firstName, raw.lastName].filter(Boolean).join(' ') : '';
  const kindWord = foldText(raw.kind);
  const declared = ORGANISATION_WORDS.has(kindWord) ? 'organisation' : PERSON_WORDS.has(kindWord) ? 'person' : null;
  if (raw.kind !== '' && declared === null) {
    issues.push({ field: 'kind', key: 'contacts.import.kind', message: `"${raw.kind}" is neither an organisation nor a person.`, params: { value: raw.kind } });
  }
  const role = raw.role === '' ? 'buyer' : ROLE_WORDS[foldText(raw.role).replace(/[^\p{L}]+/gu, ' ').trim()];
  if (role === undefined) {
    issues.push({ field: 'role', key: 'contacts.import.role', message: `"${raw.role}" is not a role: write buyer, supplier or both.`, params: { value: raw.role } });
  }

  const addresses = raw.addresses.map((a, i) => {
    const country = countryFromText(a.country);
    if (a.country !== '' && country === undefined && i === 0) {
      issues.push({ field: 'country', key: 'contacts.import.country', message: `"${a.country}" is not a country known by name or ISO code.`, params: { value: a.country } });
    }
    if (a.country === '' && i === 0) {
      issues.push({ field: 'country', key: 'contacts.import.countryMissing', message: 'The address has no country: add the country column.' });
    }
    return { kind: a.kind, line1: a.street, line2: a.street2, postalCode: a.postalCode, city: a.city, region: a.region, country: country ?? a.country };
  });
  // Without a street there is no address to write to, but the country still says where the buyer is.
  const firstCountry = addresses[0]?.country;
  const first = addresses[0];
  const country = first !== undefined && first.line1 === '' ? first.country || null : null;
  const written = addresses.filter((a) => a.line1 !== '');

  const taxIds: { scheme: 'EU_VAT' | 'MA_ICE' | 'OTHER'; value: string }[] = [];
  const taxFields: ContactImportField[] = [];
  if (raw.vatId !== '') {
    // A VAT number written without its prefix takes the country's (EL for Greece).
    const prefix = firstCountry === 'GR' ? 'EL' : firstCountry;
    const value = /^[A-Za-z]{2}/.test(raw.vatId) || prefix === undefined ? raw.vatId : `${prefix}${raw.vatId}`;
    taxIds.push({ scheme: 'EU_VAT', value });
    taxFields.push('vatId');
  }
  if (raw.ice !== '') {
    taxIds.push({ scheme: 'MA_ICE', value: raw.ice });
    taxFields.push('ice');
  }
  if (raw.taxId !== '') {
    taxIds.push({ scheme: 'OTHER', value: raw.taxId });
    taxFields.push('taxId');
  }

  let paymentTerms: ContactInput['paymentTerms'];
  if (raw.paymentDays !== '') {
    const days = Number(raw.paymentDays);
    if (Number.isInteger(days) && days >= 0 && days <= 365) paymentTerms = { kind: 'net', days };
    else issues.push({ field: 'paymentDays', key: 'contacts.import.paymentDays', message: `"${raw.paymentDays}" is not a number of days from 0 to 365.`, params: { value: raw.paymentDays } });
  }
  const { source, detail } = sourceOf(raw.source);
  const emailFields = (['email1', 'email2', 'email3'] as const).slice(0, raw.emails.length);
  const phoneFields = (['phone1', 'phone2', 'phone3'] as const).slice(0, raw.phones.length);

  const shared = {
    role: role ?? 'buyer',
    tags: raw.tags,
    notes: raw.notes || null,
    language: raw.language || null,
    currency: raw.currency || null,
    source,
    sourceDetail: detail,
    ...(paymentTerms ? { paymentTerms } : {}),
  };
  const orgName = raw.organisation || (declared !== 'person' && personName === '' ? raw.name : '');
  const name = raw.name || personName;
  const fieldMap = (extra: Record<string, ContactImportField>): Record<string, ContactImportField> => ({
    'addresses.0.line1': 'street',
    'addresses.0.line2': 'street2',
    'addresses.0.postalCode': 'postalCode',
    'addresses.0.city': 'city',
    'addresses.0.region': 'region',
    'addresses.0.country': 'country',
    country: 'country',
    ...Object.fromEntries(taxFields.map((f, i) => [`taxIds.${i}`, f])),
    ...Object.fromEntries(emailFields.map((f, i) => [`emails.${i}`, f])),
    ...Object.fromEntries(phoneFields.map((f, i) => [`phones.${i}`, f])),
    website: 'website',
    language: 'language',
    currency: 'currency',
    ...extra,
  });
  const emails = raw.emails.map((address) => ({ address }));
  const phones = raw.phones.map((number) => ({ number }));

  // A row naming a company and a person in it is both: the company gets the address and tax IDs
  // (what an invoice needs), the person the emails, phones and job title.
  if (orgName !== '' && name !== '' && foldText(orgName) !== foldText(name) && declared !== 'organisation') {
    return {
      line: raw.line,
      issues,
      organisation: {
        input: { kind: 'organisation', name: orgName, addresses: written, country, taxIds, website: raw.website || null, ...shared },
        fields: fieldMap({ name: 'organisation' }),
      },
      person: {
        input: { kind: 'person', name, jobTitle: raw.jobTitle || null, emails, phones, role: shared.role, source, sourceDetail: detail, addresses: [] },
        fields: fieldMap({ name: raw.name ? 'name' : 'firstName', jobTitle: 'jobTitle' }),
      },
    };
  }
  const kind = declared ?? (orgName !== '' ? 'organisation' : 'person');
  const only: Converted = {
    input: {
      kind,
      name: orgName || name,
      jobTitle: kind === 'person' ? raw.jobTitle || null : null,
      addresses: written,
      country,
      emails,
      phones,
      taxIds,
      website: raw.website || null,
      ...shared,
    },
    fields: fieldMap({ name: raw.organisation ? 'organisation' : raw.name ? 'name' : 'firstName' }),
  };
  return { line: raw.line, issues, organisation: null, person: only };
}
