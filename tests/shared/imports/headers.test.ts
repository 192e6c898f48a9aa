import { describe, expect, test } from 'vitest';
import { detectProfile, proposeMapping, targetForHeader } from '../../../shared/imports/headers.ts';
import { parseTarget } from '../../../shared/imports/targets.ts';

const context = { languages: ['en', 'fr', 'de', 'ar'], priceLists: ['RETAIL', 'WHOLESALE'] };

describe('headers map to fields in four languages', () => {
  const cases: [string, string | null][] = [
    ['SKU', 'sku'],
    ['Référence', 'sku'],
    ['REFERENCE:', 'sku'],
    ['Artikelnummer', 'sku'],
    ['Art.-Nr.', 'sku'],
    ['رمز المنتج', 'sku'],
    ['Titre', 'title:fr'],
    ['Bezeichnung', 'title:de'],
    ['اسم المنتج', 'title:ar'],
    ['Title', 'title:en'],
    ['title_fr', 'title:fr'],
    ['Description (DE)', 'description:de'],
    ['Beschreibung', 'description:de'],
    ['description_ar', 'description:ar'],
    ['Prix', 'price:RETAIL'],
    ['Preis (EUR)', 'price:RETAIL:EUR'],
    ['Price €', 'price:RETAIL:EUR'],
    ['price_WHOLESALE_MAD', 'price:WHOLESALE:MAD'],
    ['Prix de gros', 'price:WHOLESALE'],
    ['سعر الجملة', 'price:WHOLESALE'],
    ['Poids (kg)', 'netWeight:kg'],
    ['Weight (lbs)', 'netWeight:lb'],
    ['Bruttogewicht g', 'grossWeight:g'],
    ['Länge (cm)', 'length:cm'],
    ['EAN', 'gtin'],
    ['Code-barres', 'gtin'],
    ['Zolltarifnummer', 'hsCode'],
    ['بلد المنشأ', 'originCountry'],
    ['Marque', 'brand'],
    ['Catégorie', 'category'],
    ['MOQ', 'moq:WHOLESALE'],
    ['attr_material', 'attribute:material'],
    ['Colour of the moon', null],
  ];
  for (const [header, target] of cases) {
    test(`${header} → ${String(target)}`, () => {
      expect(targetForHeader(header, context)).toBe(target);
      if (target !== null) expect(parseTarget(target)).not.toBeNull();
    });
  }

  test('known exports are told apart by their headers', () => {
    expect(detectProfile(['Handle', 'Title', 'Body (HTML)', 'Vendor', 'Option1 Name', 'Variant SKU'])).toBe('shopify');
    expect(detectProfile(['ID', 'Type', 'SKU', 'Name', 'Regular price', 'Parent'])).toBe('woocommerce');
    expect(detectProfile(['sku', 'kind', 'parent_sku', 'status', 'title_en', 'unit'])).toBe('kontor');
    expect(detectProfile(['SKU', 'Name', 'Price'])).toBe('generic');
  });

  test('a second column for the same field is left for the person to map', () => {
    const { columns } = proposeMapping(['SKU', 'Price', 'Preis'], context);
    expect(columns.map((c) => c.target)).toEqual(['sku', 'price:RETAIL', null]);
  });
});
