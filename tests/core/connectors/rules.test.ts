import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../electron/core/connectors/accounts.ts';
import { loadListingSources } from '../../../electron/core/connectors/listingSource.ts';
import { convert, listingPrice } from '../../../electron/core/connectors/pricing.ts';
import { KontorError } from '../../../shared/errors.ts';
import { keyFileSecretBox, wrapSecretBox } from '../../../electron/core/connectors/secretBox.ts';
import { handleForSku } from '../../../electron/core/connectors/shopify/handle.ts';
import { openTestKontor } from '../../support/testKontor.ts';
import { makeTempDir } from '../../support/tempDir.ts';
import { seedCatalog } from './support.ts';

describe('listing rules', () => {
  it('converts with an exact rate across currencies with different minor units, then marks up and rounds', () => {
    expect(convert(1000, 'EUR', 'MAD', '10.85')).toBe(10_850);
    expect(convert(12_345, 'EUR', 'JPY', '161.5')).toBe(19_937);
    expect(convert(1000, 'JPY', 'EUR', '0.0062')).toBe(620);
    const rule = { currency: 'MAD', exchangeRate: '10.85', markupPercent: 15, rounding: '.99' as const };
    // 89.00 EUR → 965.65 MAD → +15 % = 1110.50 → .99 → 1110.99
    expect(listingPrice([{ currency: 'EUR', amountMinor: 8900 }], rule)).toBe(111_099);
    // A price in the shop currency wins over conversion.
    expect(listingPrice([{ currency: 'EUR', amountMinor: 8900 }, { currency: 'MAD', amountMinor: 90_000 }], rule)).toBe(103_499);
    expect(listingPrice([{ currency: 'EUR', amountMinor: 8900 }], { ...rule, exchangeRate: null })).toBeNull();
  });

  it('applies per-account overrides and remembered category mappings; quantity is available minus the buffer', async () => {
    const t = await openTestKontor();
    try {
      const sqlite = t.kontor.database.sqlite;
      const [simple, parent] = seedCatalog(sqlite, 2, { variantsEvery: 2 }).reverse() as [number, number];
      const category = sqlite.prepare("INSERT INTO category (code, created_at, updated_at) VALUES ('RUGS', 'x', 'x') RETURNING id").pluck().get() as number;
      sqlite.prepare('UPDATE product SET category_id = ? WHERE id = ?').run(category, simple);
      const account = createAccount(sqlite, keyFileSecretBox(t.dataDir), {
        platform: 'woocommerce',
        name: 'Woo',
        settings: { siteUrl: 'http://127.0.0.1:9' },
        credentials: { consumerKey: 'ck_0123456789abcdef', consumerSecret: 'cs_0123456789abcdef' },
        rules: { currency: 'EUR', markupPercent: 10, rounding: 'whole', quantityBuffer: 2 },
      });
      await t.client.call('marketplaces.categories.map', { accountId: account.id, categoryId: category, remoteCategory: '42' });
      await t.client.call('marketplaces.overrides.set', { accountId: account.id, productId: simple, title: 'Rug for the Woo shop', description: null, markupPercent: 50, rounding: 'none', quantityBuffer: null });

      const sources = loadListingSources(sqlite, account.id, account.rules, [simple, parent]);
      expect(sources.get(simple)).toMatchObject({
        title: 'Rug for the Woo shop',
        remoteCategory: '42',
        // 10.01 + 50 % = 15.015 → 15.02 (half away from zero); stock 8 − 2.
        variants: [{ sku: 'SKU-00001', priceMinor: 1502, quantity: 6 }],
      });
      expect(sources.get(parent)).toMatchObject({
        title: 'Product 0',
        remoteCategory: null,
        options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
        // Variants inherit the parent's price: 10.00 + 10 % → 11.00 whole; 5 − 2 units.
        variants: [
          { sku: 'SKU-00000-S', priceMinor: 1100, quantity: 3, optionValues: { Size: 'S' } },
          { sku: 'SKU-00000-M', priceMinor: 1100, quantity: 3 },
          { sku: 'SKU-00000-L', priceMinor: 1100, quantity: 3 },
        ],
      });
    } finally {
      await t.close();
    }
  });

  it('gives every SKU its own Shopify handle, whatever characters it holds', () => {
    const skus = ['A/B', 'A-B', 'a.b', 'A_B', 'A+B', 'A--B', 'A-/B'];
    const handles = skus.map(handleForSku);
    expect(new Set(handles).size).toBe(skus.length);
    for (const handle of handles) expect(handle).toMatch(/^[a-z0-9-]+$/);
    expect(handleForSku('RUG-01')).toBe(handleForSku('rug-01'));
  });

  it('refuses, by name, credentials sealed by another secret box', () => {
    const dir = makeTempDir();
    const keyFile = keyFileSecretBox(dir);
    const keychain = wrapSecretBox(2, 'keychain', (p) => Buffer.from(p), (s) => s.toString());
    const sealed = keychain.seal('{"accessToken":"x"}');
    expect(() => keyFile.open(sealed)).toThrow(KontorError);
    expect(() => keyFile.open(sealed)).toThrow(/OS keychain \(Electron safeStorage\).*enter the credentials again/);
    expect(keyFile.open(keyFile.seal('secret'))).toBe('secret');
    expect(() => keyFileSecretBox(makeTempDir()).open(keyFile.seal('secret'))).toThrow(/was the key file replaced/);
  });
});
