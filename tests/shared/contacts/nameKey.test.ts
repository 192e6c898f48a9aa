import { describe, expect, it } from 'vitest';
import { nameKey, nameSimilarity, SIMILAR_NAME_THRESHOLD } from '../../../shared/contacts/nameKey.ts';

describe('name keys', () => {
  it.each([
    ['Weberei Hansen GmbH', 'WEBEREI HANSEN G.m.b.H.'],
    ['Weberei Hansen GmbH & Co. KG', 'Weberei Hansen'],
    ['Société Atlas Tapis S.à r.l.', 'Atlas Tapis SARL'],
    ['Ste Atlas Tapis SARL AU', 'atlas tapis'],
    ['Atlas Tapis S.A.R.L.', 'Atlas Tapis'],
    ['Guangzhou Lucky Trading Co., Ltd.', 'GUANGZHOU LUCKY TRADING CO LIMITED'],
    ['Acme Inc.', 'ACME, LLC'],
    ['Brown & Sons Ltd', 'Brown Sons Limited'],
    ['Müller AG', 'Muller'],
    ['شركة الأطلس ش.م.م', 'الاطلس'],
    ['Krakow Sp. z o.o.', 'Kraków'],
    ['Les Tissages de Lyon SAS', 'les tissages de lyon'],
  ])('"%s" and "%s" share a key', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
    expect(nameKey(a)).not.toBe('');
  });

  it('keeps a name that is only a legal form, and different companies apart', () => {
    expect(nameKey('SA')).toBe('sa');
    expect(nameKey('Atlas Tapis')).not.toBe(nameKey('Atlas Textiles'));
    expect(nameKey('Hansen Weberei')).not.toBe(nameKey('Weberei Hansen'));
  });

  it('scores a typo or swapped words as similar, other companies not', () => {
    expect(nameSimilarity(nameKey('Weberei Hansen'), nameKey('Weberei Hanssen'))).toBeGreaterThanOrEqual(SIMILAR_NAME_THRESHOLD);
    expect(nameSimilarity(nameKey('Hansen Weberei'), nameKey('Weberei Hansen'))).toBeGreaterThanOrEqual(SIMILAR_NAME_THRESHOLD);
    expect(nameSimilarity(nameKey('Atlas Tapis'), nameKey('Atlas Textiles'))).toBeLessThan(SIMILAR_NAME_THRESHOLD);
    expect(nameSimilarity(nameKey('Lyon Tissages'), nameKey('Lille Tapis'))).toBeLessThan(SIMILAR_NAME_THRESHOLD);
    expect(nameSimilarity('', '')).toBe(0);
  });
});
