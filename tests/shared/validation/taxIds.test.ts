import { describe, expect, it } from 'vitest';
import { checkTaxId, isTaxIdScheme, TAX_ID_SCHEMES, type TaxIdScheme } from '../../../shared/validation/taxIds.ts';

describe('checkTaxId', () => {
  it.each([
    ['EU_VAT', 'de 136 695 976', 'DE136695976'],
    ['DE_STEUERNUMMER', '181/815/08155', '18181508155'],
    ['FR_SIREN', '732 829 320', '732829320'],
    ['FR_SIRET', '732 829 320 00074', '73282932000074'],
    ['MA_ICE', '001561191000066', '001561191000066'],
    ['MA_IF', 'IF 40123456', '40123456'],
    ['MA_RC', 'RC 12345 Casablanca', '12345 Casablanca'],
    ['OTHER', '  CHE-123.456.788   MWST ', 'CHE-123.456.788 MWST'],
  ] as const)('dispatches %s', (scheme, input, normalized) => {
    expect(checkTaxId(scheme, input)).toEqual({ ok: true, normalized });
  });

  it('answers the key of the scheme’s own validator', () => {
    expect(checkTaxId('EU_VAT', 'DE136695977')).toMatchObject({ key: 'validation.vatId.checksum' });
    expect(checkTaxId('FR_SIREN', '732829321')).toMatchObject({ key: 'validation.siren.checksum' });
    expect(checkTaxId('FR_SIRET', '73282932000075')).toMatchObject({ key: 'validation.siret.checksum' });
    expect(checkTaxId('DE_STEUERNUMMER', '12345')).toMatchObject({ key: 'validation.steuernummer.length' });
    expect(checkTaxId('MA_ICE', '1561191000066')).toMatchObject({ key: 'validation.ice.length' });
    expect(checkTaxId('MA_IF', '12')).toMatchObject({ key: 'validation.moroccanIf.length' });
    expect(checkTaxId('MA_RC', 'Casablanca')).toMatchObject({ key: 'validation.rc.format' });
  });

  it('OTHER takes free text up to 64 characters', () => {
    expect(checkTaxId('OTHER', 'x'.repeat(64))).toEqual({ ok: true, normalized: 'x'.repeat(64) });
    expect(checkTaxId('OTHER', 'x'.repeat(65))).toMatchObject({ key: 'validation.taxId.tooLong', params: { max: 64, actual: 65 } });
    expect(checkTaxId('OTHER', '   ')).toMatchObject({ key: 'validation.taxId.required' });
  });

  it('refuses an unknown scheme from an untyped caller', () => {
    expect(checkTaxId('US_EIN' as TaxIdScheme, '12-3456789')).toMatchObject({
      key: 'validation.taxId.scheme',
      params: { scheme: 'US_EIN' },
    });
  });

  it('lists the schemes and recognises them', () => {
    expect(TAX_ID_SCHEMES).toEqual(['EU_VAT', 'DE_STEUERNUMMER', 'FR_SIREN', 'FR_SIRET', 'MA_ICE', 'MA_IF', 'MA_RC', 'OTHER']);
    expect(TAX_ID_SCHEMES.every(isTaxIdScheme)).toBe(true);
    expect(isTaxIdScheme('eu_vat')).toBe(false);
    expect(isTaxIdScheme(undefined)).toBe(false);
  });
});
