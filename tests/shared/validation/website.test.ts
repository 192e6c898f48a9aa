import { describe, expect, it } from 'vitest';
import { checkWebsite } from '../../../shared/validation/website.ts';

describe('checkWebsite', () => {
  it.each([
    ['example.com', 'https://example.com'],
    ['www.example.com/', 'https://www.example.com'],
    ['https://www.example.com', 'https://www.example.com'],
    ['http://example.ma', 'http://example.ma'],
    ['HTTPS://Shop.Example.COM/Catalogue?lang=fr#top', 'https://shop.example.com/Catalogue?lang=fr#top'],
    ['example.com:8080/de', 'https://example.com:8080/de'],
    ['müller-export.de', 'https://müller-export.de'],
    ['https://xn--mller-kva.de', 'https://xn--mller-kva.de'],
  ])('accepts %s', (input, normalized) => {
    expect(checkWebsite(input)).toEqual({ ok: true, normalized });
  });

  it('refuses other schemes with the scheme key', () => {
    expect(checkWebsite('ftp://files.example.com')).toMatchObject({ ok: false, key: 'validation.website.scheme' });
    expect(checkWebsite('mailto:info@example.com')).toMatchObject({ key: 'validation.website.scheme' });
    expect(checkWebsite('javascript:alert(1)')).toMatchObject({ key: 'validation.website.scheme' });
  });

  it('refuses a host that is no public domain with the host key', () => {
    expect(checkWebsite('example')).toMatchObject({ key: 'validation.website.host' });
    expect(checkWebsite('localhost:3000')).toMatchObject({ key: 'validation.website.host' });
    expect(checkWebsite('https://192.168.0.1')).toMatchObject({ key: 'validation.website.host' });
    expect(checkWebsite('https://exa_mple.com')).toMatchObject({ key: 'validation.website.host' });
  });

  it('refuses spaces, credentials and unparsable text with the format key', () => {
    expect(checkWebsite('www.example .com')).toMatchObject({ key: 'validation.website.format' });
    expect(checkWebsite('https://user:secret@example.com')).toMatchObject({ key: 'validation.website.format' });
    expect(checkWebsite('https://')).toMatchObject({ key: 'validation.website.format' });
  });

  it('asks for a value when empty', () => {
    expect(checkWebsite(' ')).toMatchObject({ key: 'validation.website.required' });
  });
});
