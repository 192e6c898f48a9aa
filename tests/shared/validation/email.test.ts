import { describe, expect, it } from 'vitest';
import { checkEmail } from '../../../shared/validation/email.ts';

describe('checkEmail', () => {
  it.each([
    ['info@example.com', 'info@example.com'],
    ['  Info@Example.COM ', 'Info@example.com'],
    ['first.last+invoices@sub.example.co.uk', 'first.last+invoices@sub.example.co.uk'],
    ['mailto:contact@example.ma', 'contact@example.ma'],
    ['jean.dupont@société.fr', 'jean.dupont@société.fr'],
    ['o\'brien@example.ie', "o'brien@example.ie"],
    ['x@xn--mller-kva.de', 'x@xn--mller-kva.de'],
  ])('accepts %s', (input, normalized) => {
    expect(checkEmail(input)).toEqual({ ok: true, normalized });
  });

  it('refuses no @, two @ and spaces with the format key', () => {
    expect(checkEmail('info.example.com')).toMatchObject({ ok: false, key: 'validation.email.format' });
    expect(checkEmail('a@b@example.com')).toMatchObject({ key: 'validation.email.format' });
    expect(checkEmail('info @example.com')).toMatchObject({ key: 'validation.email.format' });
  });

  it('refuses a bad part before @ with the localPart key', () => {
    expect(checkEmail('@example.com')).toMatchObject({ key: 'validation.email.localPart' });
    expect(checkEmail('first..last@example.com')).toMatchObject({ key: 'validation.email.localPart' });
    expect(checkEmail('.first@example.com')).toMatchObject({ key: 'validation.email.localPart' });
    expect(checkEmail('a,b@example.com')).toMatchObject({ key: 'validation.email.localPart' });
    expect(checkEmail(`${'a'.repeat(65)}@example.com`)).toMatchObject({ key: 'validation.email.localPart' });
  });

  it('refuses a bad domain with the domain key', () => {
    expect(checkEmail('info@example')).toMatchObject({ key: 'validation.email.domain' });
    expect(checkEmail('info@example.')).toMatchObject({ key: 'validation.email.domain' });
    expect(checkEmail('info@-example.com')).toMatchObject({ key: 'validation.email.domain' });
    expect(checkEmail('info@example.c')).toMatchObject({ key: 'validation.email.domain' });
    expect(checkEmail('info@example.123')).toMatchObject({ key: 'validation.email.domain' });
    expect(checkEmail('info@exa_mple.com')).toMatchObject({ key: 'validation.email.domain' });
  });

  it('refuses more than 254 characters with the tooLong key', () => {
    // Every label is within 63 characters, so only the total length is wrong.
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`;
    expect(checkEmail(`info@${domain}`)).toMatchObject({ key: 'validation.email.tooLong', params: { max: 254 } });
  });

  it('asks for a value when empty', () => {
    expect(checkEmail('')).toMatchObject({ key: 'validation.email.required' });
  });
});
