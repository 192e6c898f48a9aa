import { expect } from 'vitest';
import type { ProductInput } from '../../../shared/catalog/product.ts';
import type { CallResult, FieldIssue } from '../../../shared/errors.ts';

/** A valid product; each test changes what it is about. */
export function productInput(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    sku: 'RUG-1',
    status: 'active',
    texts: { en: { title: 'Beni Ourain rug', description: 'Hand-knotted wool' }, fr: { title: 'Tapis Béni Ouarain' } },
    tags: ['berber', 'wool'],
    unit: 'pcs',
    gtin: '4006381333931',
    hsCode: '5701.10',
    originCountry: 'ma',
    netWeightG: 18_000,
    grossWeightG: 19_500,
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 89_000 }] }],
    ...overrides,
  };
}

/** The field issues of a failed call, after checking that it failed with `code`. */
export function issuesOf(result: CallResult<unknown>, code = 'VALIDATION'): FieldIssue[] {
  if (result.ok) throw new Error('expected the call to fail');
  expect(result.error.code).toBe(code);
  return result.error.details?.issues ?? [];
}

export function errorOf(result: CallResult<unknown>): { code: string; message: string; details?: Record<string, unknown> } {
  if (result.ok) throw new Error('expected the call to fail');
  return result.error;
}
