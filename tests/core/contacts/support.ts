import type { ContactInput } from '../../../shared/contacts/contact.ts';
import type { CallResult, FieldIssue } from '../../../shared/errors.ts';
import { expect } from 'vitest';

/** A German buyer with every part an invoice needs. */
export function germanBuyer(overrides: Partial<ContactInput> = {}): ContactInput {
  return {
    kind: 'organisation',
    name: 'Weberei Hansen GmbH',
    role: 'buyer',
    addresses: [
      { kind: 'billing', line1: 'Speicherstadt 12', postalCode: '20457', city: 'Hamburg', country: 'de' },
      { kind: 'shipping', recipient: 'Lager Nord', line1: 'Kai 3', postalCode: '20457', city: 'Hamburg', country: 'DE' },
    ],
    emails: [{ address: 'Einkauf@Hansen-Weberei.DE' }],
    phones: [{ number: '040 1234567' }],
    website: 'hansen-weberei.de',
    language: 'de',
    currency: 'eur',
    paymentTerms: { kind: 'net', days: 30 },
    creditLimit: { amountMinor: 5_000_000, currency: 'EUR' },
    taxIds: [{ scheme: 'EU_VAT', value: 'DE 136 695 976' }],
    tags: ['textiles', 'Messe'],
    source: 'trade_fair',
    sourceDetail: 'Heimtextil 2026',
    marketplaceIds: [],
    ...overrides,
  };
}

/** A Moroccan supplier, named in Arabic. */
export function moroccanSupplier(overrides: Partial<ContactInput> = {}): ContactInput {
  return {
    kind: 'organisation',
    name: 'تعاونية الأطلس للزرابي',
    role: 'supplier',
    addresses: [{ kind: 'billing', line1: 'شارع محمد الخامس 10', postalCode: '30000', city: 'فاس', country: 'MA' }],
    phones: [{ number: '0522 123456' }],
    taxIds: [{ scheme: 'MA_ICE', value: 'ICE : 001561191000066' }],
    paymentTerms: { kind: 'prepayment' },
    ...overrides,
  };
}

export function issuesOf(result: CallResult<unknown>): FieldIssue[] {
  if (result.ok) throw new Error('expected the call to fail');
  expect(result.error.code).toBe('VALIDATION');
  return result.error.details?.issues ?? [];
}
