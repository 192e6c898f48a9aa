import { describe, expect, it } from 'vitest';
import { checkEuVatId, EU_VAT_PREFIXES } from '../../../shared/validation/vatId.ts';

// Unless noted, the numbers are real ones published on company websites and invoices, as
// collected in python-stdnum's test suite (tests/test_eu_vat.doctest), or the specimen numbers
// of the tax administrations.
describe('checkEuVatId: valid numbers', () => {
  it.each([
    ['DE136695976', 'DE136695976'],
    ['DE 118619592', 'DE118619592'],
    ['DE 221.304.969', 'DE221304969'],
    ['de-812847601', 'DE812847601'],
    ['FR 40 303 265 045', 'FR40303265045'],
    ['FR64333266765', 'FR64333266765'],
    ['FR K 7399859412', 'FRK7399859412'],
    ['IT 00118439991', 'IT00118439991'],
    ['IT - 01404480202', 'IT01404480202'],
    ['ES A-28184661', 'ESA28184661'],
    ['ES B64240914', 'ESB64240914'],
    ['ES X-5253868-R', 'ESX5253868R'],
    ['ES Q-2818015-F', 'ESQ2818015F'],
    ['NL 806753742B01', 'NL806753742B01'],
    ['NL.8143.26.584.B.01', 'NL814326584B01'],
    ['NL001162938B28', 'NL001162938B28'],
    ['BE 0202.239.951', 'BE0202239951'],
    ['BE0428759497', 'BE0428759497'],
    ['ATU 142 43 102', 'ATU14243102'],
    ['ATU13585627', 'ATU13585627'],
    ['PL 584-030-44-72', 'PL5840304472'],
    ['PL5261025421', 'PL5261025421'],
    ['PT 500 019 720', 'PT500019720'],
    ['PT503038083', 'PT503038083'],
    ['SE 556058115801', 'SE556058115801'],
    ['SE-556666-4438-01', 'SE556666443801'],
    ['DK 13 20 24 35', 'DK13202435'],
    ['DK-27630308', 'DK27630308'],
    ['IE 6388047V', 'IE6388047V'],
    ['IE8D79739I', 'IE8D79739I'],
    ['IE6433435IH', 'IE6433435IH'],
    ['LU 10059929', 'LU10059929'],
    ['LU 150 274 42', 'LU15027442'],
    ['FI 0982651-1', 'FI09826511'],
    ['FI18261444', 'FI18261444'],
    ['CZ 25123891', 'CZ25123891'],
    ['CZ 640903926', 'CZ640903926'],
    ['CZ7652046248', 'CZ7652046248'],
    ['EL 094012834', 'EL094012834'],
    ['BG 131202360', 'BG131202360'],
    ['HU11377304', 'HU11377304'],
    ['HR33392005961', 'HR33392005961'],
    ['EE 100 931 558', 'EE100931558'],
    ['LT 119511515', 'LT119511515'],
    ['LV 40003189718', 'LV40003189718'],
    ['MT 1039-6417', 'MT10396417'],
    ['RO 11358544', 'RO11358544'],
    ['SI 26808498', 'SI26808498'],
    ['SK 2022193459', 'SK2022193459'],
    ['CY 10246672X', 'CY10246672X'],
  ])('accepts %s', (input, normalized) => {
    expect(checkEuVatId(input)).toEqual({ ok: true, normalized });
  });

  it('corrects the Greek prefix GR to EL', () => {
    expect(checkEuVatId('GR 094012834')).toEqual({ ok: true, normalized: 'EL094012834' });
  });

  it('fills in the leading zeros people drop (BE, EL, NL)', () => {
    expect(checkEuVatId('BE 444.503.092')).toEqual({ ok: true, normalized: 'BE0444503092' });
    expect(checkEuVatId('EL 94051189')).toEqual({ ok: true, normalized: 'EL094051189' });
    expect(checkEuVatId('NL4495445B01')).toEqual({ ok: true, normalized: 'NL004495445B01' });
  });

  it('accepts Belgian numbers starting with 1 (made-up number with a correct mod-97 key)', () => {
    // 10000000 mod 97 = 76, so the key is 97 - 76 = 21.
    expect(checkEuVatId('BE1000000021')).toEqual({ ok: true, normalized: 'BE1000000021' });
    expect(checkEuVatId('BE1000000022')).toMatchObject({ key: 'validation.vatId.checksum' });
  });

  it('checks the French alphanumeric keys and the embedded SIREN', () => {
    // Example from python-stdnum's stdnum.fr.tva (key "4Z" over SIREN 123456782).
    expect(checkEuVatId('FR4Z123456782')).toEqual({ ok: true, normalized: 'FR4Z123456782' });
    expect(checkEuVatId('FR K 7399859312')).toMatchObject({ key: 'validation.vatId.checksum' });
    expect(checkEuVatId('FR L 7399859412')).toMatchObject({ key: 'validation.vatId.checksum' });
    // Key 12 fits the numeric rule for SIREN 000000001, which is no SIREN but Monaco's layout.
    expect(checkEuVatId('FR55000000001')).toMatchObject({ ok: false });
    // 732829321 fails the SIREN Luhn check; the key was computed to match, so only the SIREN is wrong.
    expect(checkEuVatId(`FR${String((732829321 * 100 + 12) % 97).padStart(2, '0')}732829321`)).toMatchObject({
      key: 'validation.vatId.checksum',
    });
  });

  it('accepts Northern Ireland (XI) numbers with the UK layout', () => {
    // Check digits valid under HMRC's mod-97 rule (the layout and rule of GB numbers).
    expect(checkEuVatId('XI 980 7806 84')).toEqual({ ok: true, normalized: 'XI980780684' });
    expect(checkEuVatId('XI980780685')).toMatchObject({ key: 'validation.vatId.checksum', params: { country: 'XI' } });
  });

  it('lists the 27 member states (with EL) and XI', () => {
    expect(EU_VAT_PREFIXES).toHaveLength(28);
    expect(EU_VAT_PREFIXES).toContain('EL');
    expect(EU_VAT_PREFIXES).toContain('XI');
    expect(EU_VAT_PREFIXES).not.toContain('GR');
  });
});

describe('checkEuVatId: invalid numbers', () => {
  // Real numbers with one digit changed (python-stdnum's "mangled" list and our own).
  it.each([
    ['DE136695977', 'DE'],
    ['DE 125014855', 'DE'],
    ['FR 04409414264', 'FR'],
    ['FR41303265045', 'FR'],
    ['IT 00118439992', 'IT'],
    ['ES 54362415K', 'ES'],
    ['ESA28184662', 'ES'],
    ['NL806753743B01', 'NL'],
    ['BE 0406.139.583', 'BE'],
    ['ATU 143 43 102', 'AT'],
    ['PL5261025422', 'PL'],
    ['PT500019721', 'PT'],
    ['SE556058115901', 'SE'],
    ['DK 11 96 56 58', 'DK'],
    ['IE 4731823H', 'IE'],
    ['LU10059928', 'LU'],
    ['FI18261445', 'FI'],
    ['CZ 25557481', 'CZ'],
    ['EL 094013834', 'EL'],
  ])('refuses %s with the checksum key', (input, country) => {
    expect(checkEuVatId(input)).toEqual({
      ok: false,
      key: 'validation.vatId.checksum',
      message: expect.stringContaining('check digits') as unknown,
      params: { country },
    });
  });

  it.each([
    ['DE12345678', 'DE'],
    ['DE 011125440', 'DE'],
    ['ATU1234567', 'AT'],
    ['AT12345678', 'AT'],
    ['NL123456789X01', 'NL'],
    ['SE556058115802', 'SE'],
    ['DK1234567', 'DK'],
    ['FR1234567890', 'FR'],
    ['FRIO334175221', 'FR'],
    ['BE2123456789', 'BE'],
    ['IT1234567890', 'IT'],
    ['PL123456789', 'PL'],
  ])('refuses %s with the format key', (input, country) => {
    const result = checkEuVatId(input);
    expect(result).toMatchObject({ ok: false, key: 'validation.vatId.format', params: { country } });
    if (!result.ok) expect(result.params?.['example']).toMatch(/^[A-Z]{2}/);
  });

  it('refuses a missing prefix with the prefix key', () => {
    expect(checkEuVatId('136695976')).toMatchObject({ key: 'validation.vatId.prefix' });
  });

  it('refuses prefixes of non-member states with the country key', () => {
    expect(checkEuVatId('GB980780684')).toMatchObject({ key: 'validation.vatId.country', params: { country: 'GB' } });
    expect(checkEuVatId('CHE-123.456.788')).toMatchObject({ key: 'validation.vatId.country', params: { country: 'CH' } });
    expect(checkEuVatId('QQ 124567')).toMatchObject({ key: 'validation.vatId.country', params: { country: 'QQ' } });
    expect(checkEuVatId('EU372000041')).toMatchObject({ key: 'validation.vatId.country' });
  });

  it('asks for a value when empty', () => {
    expect(checkEuVatId(' ')).toMatchObject({ key: 'validation.vatId.required' });
  });
});
