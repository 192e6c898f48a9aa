import { describe, expect, it } from 'vitest';
import { draftPathOf, draftToInput, emptyAddress, emptyDraft, newKey } from '../../renderer/src/contacts/contactDraft.ts';

describe('contact form draft', () => {
  it('leaves blank rows out and keeps the country of an address row that has nothing else', () => {
    const draft = { ...emptyDraft('DE', 'EUR'), name: 'Weberei Hansen' };
    draft.phones[0]!.number = '040 1234567';
    const { input, issues } = draftToInput(draft);
    expect(issues).toEqual([]);
    expect(input).toMatchObject({ name: 'Weberei Hansen', emails: [], phones: [{ number: '040 1234567' }], addresses: [], country: 'DE' });
  });

  it('reads the credit limit as exact minor units and refuses what is not an amount', () => {
    const draft = { ...emptyDraft('DE', 'EUR'), name: 'X', creditLimit: '50.000,50' };
    expect(draftToInput(draft).input.creditLimit).toEqual({ amountMinor: 5_000_050, currency: 'EUR' });
    expect(draftToInput({ ...draft, creditLimit: 'lots' }).issues).toEqual([{ path: 'creditLimit.amountMinor', key: 'contacts.form.creditAmount' }]);
    expect(draftToInput({ ...draft, paymentDays: '400' }).issues).toEqual([{ path: 'paymentTerms.days', key: 'contacts.form.paymentDays' }]);
  });

  it('maps the positions the core names among sent rows back to the rows of the form, blank ones included', () => {
    const draft = emptyDraft('DE', 'EUR');
    const second = { key: newKey(), address: 'b@example.com' };
    draft.emails = [{ key: newKey(), address: '' }, { key: newKey(), address: 'a@example.com' }, second];
    draft.addresses = [emptyAddress('billing', 'DE'), { ...emptyAddress('shipping', 'DE'), line1: 'Kai 3' }];
    expect(draftPathOf(draft, 'emails.1.address')).toBe(`emails.${second.key}.address`);
    expect(draftPathOf(draft, 'addresses.0.city')).toBe(`addresses.${draft.addresses[1]!.key}.city`);
    expect(draftPathOf(draft, 'name')).toBe('name');
    expect(draftPathOf(draft, 'emails.7.address')).toBe('emails.7.address');
  });
});
