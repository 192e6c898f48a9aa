import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../shared/errors.ts';
import { validProfile } from '../../support/companyFixtures.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

let t: TestKontor;
beforeEach(async () => {
  t = await openTestKontor();
});
afterEach(async () => {
  await t.close();
});

function issuesOf(result: CallResult<unknown>) {
  if (result.ok) throw new Error('expected the call to fail');
  expect(result.error.code).toBe('VALIDATION');
  return result.error.details?.issues ?? [];
}

describe('company profile', () => {
  it('is null before the first set-up', async () => {
    expect(await t.client.call('company.get', {})).toBeNull();
  });

  it('saves a valid profile, normalised, and reads it back the same', async () => {
    const saved = await t.client.call('company.save', validProfile());
    expect(saved).toMatchObject({
      legalName: 'Weberei Hansen GmbH',
      tradeName: null,
      country: 'DE',
      baseCurrency: 'EUR',
      email: 'Export@hansen-weberei.de', // the part before @ may be case-sensitive; the domain is not
      phone: '+49401234567',
      website: 'https://hansen-weberei.de',
      hasLogo: false,
    });
    expect(saved.bankAccounts[0]).toMatchObject({ iban: 'DE89370400440532013000', bic: 'DEUTDEFF' });
    expect(saved.taxIds).toEqual([
      { scheme: 'EU_VAT', value: 'DE136695976' },
      { scheme: 'DE_STEUERNUMMER', value: '2181508150' },
    ]);
    expect(await t.client.call('company.get', {})).toEqual(saved);
  });

  it('refuses an IBAN with a wrong checksum, names the field, and saves nothing', async () => {
    const profile = validProfile();
    profile.bankAccounts[0]!.iban = 'DE89370400440532013001';
    const issues = issuesOf(await t.client.tryCall('company.save', profile));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'bankAccounts.0.iban' });
    expect(issues[0]!.key).toMatch(/^validation\.iban\./);
    expect(await t.client.call('company.get', {})).toBeNull();
  });

  it('keeps the previous profile intact when a later save is refused', async () => {
    const first = await t.client.call('company.save', validProfile());
    const broken = validProfile();
    broken.legalName = 'Renamed GmbH';
    broken.taxIds = [{ scheme: 'FR_SIREN', value: '732829321' }];
    broken.bankAccounts[0]!.bic = 'NOTABIC!';
    const issues = issuesOf(await t.client.tryCall('company.save', broken));
    expect(issues.map((i) => i.path).sort()).toEqual(['bankAccounts.0.bic', 'taxIds.0.value']);
    expect(await t.client.call('company.get', {})).toEqual(first);
  });

  it('asks for exactly one registered address and a legal name', async () => {
    const profile = validProfile();
    profile.legalName = '   ';
    profile.addresses = [
      { kind: 'postal', line1: 'Postfach 1', city: 'Hamburg', country: 'DE' },
      { kind: 'warehouse', line1: 'Kai 3', city: 'Hamburg', country: 'DE' },
    ];
    const issues = issuesOf(await t.client.tryCall('company.save', profile));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'legalName', key: 'validation.required' }),
        expect.objectContaining({ path: 'addresses', key: 'validation.addresses.oneRegistered' }),
      ]),
    );
  });

  it('checks Moroccan and French identifiers per scheme', async () => {
    const profile = validProfile();
    profile.country = 'MA';
    profile.baseCurrency = 'MAD';
    profile.phone = null;
    profile.taxIds = [
      { scheme: 'MA_ICE', value: '00152572700008' },
      { scheme: 'FR_SIRET', value: '73282932000074' },
      { scheme: 'FR_SIREN', value: '732 829 320' },
    ];
    const issues = issuesOf(await t.client.tryCall('company.save', profile));
    expect(issues.map((i) => i.path)).toEqual(['taxIds.0.value']);
    expect(issues[0]!.key).toMatch(/^validation\.ice\./);
  });

  it('stores a PNG logo, refuses bytes that do not match the type, and removes it', async () => {
    const pngHeader = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const notFirst = await t.client.tryCall('company.setLogo', { mimeType: 'image/png', dataBase64: pngHeader.toString('base64') });
    expect(notFirst).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await t.client.call('company.save', validProfile());
    const gif = Buffer.from('GIF89a-not-a-png').toString('base64');
    const refused = await t.client.tryCall('company.setLogo', { mimeType: 'image/png', dataBase64: gif });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.client.call('company.getLogo', {})).toBeNull();

    const stored = await t.client.call('company.setLogo', { mimeType: 'image/png', dataBase64: pngHeader.toString('base64') });
    expect(stored.hasLogo).toBe(true);
    expect(await t.client.call('company.getLogo', {})).toEqual({ mimeType: 'image/png', dataBase64: pngHeader.toString('base64') });
    expect((await t.client.call('company.removeLogo', {})).hasLogo).toBe(false);
  });

  it('refuses a logo larger than 512 KiB before it reaches the database', async () => {
    await t.client.call('company.save', validProfile());
    const big = Buffer.alloc(600 * 1024, 1);
    const result = await t.client.tryCall('company.setLogo', { mimeType: 'image/png', dataBase64: big.toString('base64') });
    expect(issuesOf(result)[0]).toMatchObject({ path: 'dataBase64', key: 'validation.logo.tooLarge' });
  });
});

describe('base currency', () => {
  it('can change until stock is valued in it, then stays', async () => {
    await t.client.call('company.save', validProfile());
    const usd = { ...validProfile(), baseCurrency: 'USD' };
    expect((await t.client.call('company.save', usd)).baseCurrency).toBe('USD');
    await t.client.call('products.create', { sku: 'RUG-1', texts: { en: { title: 'Rug' } } });
    await t.client.call('stock.receive', { sku: 'RUG-1', warehouse: 'MAIN', quantity: '2', unitCost: '10.00' });

    const issues = issuesOf(await t.client.tryCall('company.save', { ...validProfile(), baseCurrency: 'EUR' }));
    expect(issues).toEqual([expect.objectContaining({ path: 'baseCurrency', key: 'validation.baseCurrency.locked' })]);
    expect((await t.client.call('company.get', {}))?.baseCurrency).toBe('USD');
    // Everything else can still be edited.
    expect((await t.client.call('company.save', { ...usd, legalName: 'Hansen Export GmbH' })).legalName).toBe('Hansen Export GmbH');
  });
});

describe('preferences', () => {
  it('follow the company language until someone picks one, then persist', async () => {
    expect(await t.client.call('app.getPreferences', {})).toEqual({ language: 'en', theme: 'auto' });
    await t.client.call('company.save', validProfile());
    expect((await t.client.call('app.getPreferences', {})).language).toBe('de');
    await t.client.call('app.setPreferences', { language: 'ar', theme: 'dark' });
    expect(await t.client.call('app.getPreferences', {})).toEqual({ language: 'ar', theme: 'dark' });
  });
});
