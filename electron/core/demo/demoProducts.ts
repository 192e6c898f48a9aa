import type { CategoryCreate } from '../../../shared/catalog/category.ts';
import { CategoryCreateSchema } from '../../../shared/catalog/category.ts';
import { ProductInputSchema, ProductUpdateSchema, type ProductInput } from '../../../shared/catalog/product.ts';
import { createCategory } from '../catalog/categories.ts';
import { writeTransaction } from '../catalog/db.ts';
import { createProduct, getProductBySku, updateProduct } from '../catalog/products.ts';
import { generateVariants } from '../catalog/variants.ts';
import type { DemoStep } from './generator.ts';

/*
 * The demo exporter's catalogue: a few articles of a Fès house, written in the four default
 * catalog languages, with real HS headings (5701.10 knotted wool carpets, 6912.00 ceramic
 * tableware, 1515.90 other vegetable oils) and GTINs under Morocco's GS1 prefix 611 with valid
 * check digits (the company number itself is made up). Everything goes through the catalog
 * services and their schemas, so the demo can never hold a product the app would refuse.
 */

const CATEGORIES: (CategoryCreate & { key: string; parent?: string })[] = [
  {
    key: 'rugs',
    code: 'RUGS',
    names: { en: 'Rugs', fr: 'Tapis', de: 'Teppiche', ar: 'زرابي' },
    attributes: [
      {
        code: 'material',
        type: 'choice',
        required: true,
        choices: ['wool', 'cotton', 'cactus silk'],
        labels: { en: 'Material', fr: 'Matière', de: 'Material', ar: 'المادة' },
      },
      { code: 'pile_height_mm', type: 'number', labels: { en: 'Pile height (mm)', fr: 'Hauteur du velours (mm)', de: 'Florhöhe (mm)' } },
    ],
  },
  { key: 'ceramics', code: 'CERAMICS', names: { en: 'Ceramics', fr: 'Céramique', de: 'Keramik', ar: 'خزف' } },
  { key: 'cosmetics', code: 'COSMETICS', names: { en: 'Cosmetics', fr: 'Cosmétiques', de: 'Kosmetik', ar: 'مستحضرات التجميل' } },
  {
    key: 'argan',
    parent: 'cosmetics',
    code: 'ARGAN',
    names: { en: 'Argan oil', fr: "Huile d'argan", de: 'Arganöl', ar: 'زيت أركان' },
  },
];

type DemoProduct = Omit<ProductInput, 'categoryId'> & { category: string };

const PRODUCTS: DemoProduct[] = [
  {
    sku: 'RUG-BO-200x300',
    category: 'rugs',
    status: 'active',
    texts: {
      en: {
        title: 'Beni Ourain rug 200 × 300 cm',
        description: 'Hand-knotted in the Middle Atlas from undyed sheep wool; cream ground with a dark brown lozenge pattern.',
      },
      fr: {
        title: 'Tapis Béni Ouarain 200 × 300 cm',
        description: "Noué main dans le Moyen Atlas en laine de mouton non teinte ; fond écru, losanges brun foncé.",
      },
      de: {
        title: 'Beni-Ourain-Teppich 200 × 300 cm',
        description: 'Im Mittleren Atlas handgeknüpft aus ungefärbter Schafwolle; cremefarbener Grund mit dunkelbraunem Rautenmuster.',
      },
      ar: { title: 'زربية بني وراين 200 × 300 سم', description: 'منسوجة يدويًا في الأطلس المتوسط من صوف الغنم غير المصبوغ.' },
    },
    brand: 'Atlas Tapis',
    tags: ['berber', 'wool', 'handmade'],
    unit: 'pcs',
    gtin: '6111000450017',
    hsCode: '5701.10',
    originCountry: 'MA',
    netWeightG: 18_000,
    grossWeightG: 19_500,
    lengthMm: 3000,
    widthMm: 2000,
    heightMm: 25,
    costPrice: { amountMinor: 450_000, currency: 'MAD' },
    prices: [
      { priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 89_000 }] },
      { priceList: 'RETAIL', currency: 'MAD', tiers: [{ minQuantityMilli: 1000, amountMinor: 950_000 }] },
      {
        priceList: 'WHOLESALE',
        currency: 'EUR',
        tiers: [
          { minQuantityMilli: 2000, amountMinor: 64_000 },
          { minQuantityMilli: 5000, amountMinor: 59_000 },
        ],
      },
    ],
    minimumOrders: [{ priceList: 'WHOLESALE', quantityMilli: 2000 }],
    attributes: { material: 'wool', pile_height_mm: 25 },
  },
  {
    sku: 'TAG-FES-30',
    category: 'ceramics',
    status: 'active',
    texts: {
      en: { title: 'Fès ceramic tagine, 30 cm', description: 'Glazed earthenware from Fès, hand-painted in cobalt blue. For serving; not for the stove.' },
      fr: { title: 'Tajine en céramique de Fès, 30 cm', description: 'Faïence émaillée de Fès, peinte à la main en bleu de cobalt. Décoratif et de service.' },
      de: { title: 'Tajine aus Fès-Keramik, 30 cm', description: 'Glasierte Irdenware aus Fès, von Hand kobaltblau bemalt. Zum Servieren, nicht für den Herd.' },
      ar: { title: 'طاجين خزف فاسي، 30 سم', description: 'خزف فاس المزجج، مرسوم يدويًا بالأزرق الكوبالتي.' },
    },
    brand: 'Atlas Céramique',
    tags: ['ceramics', 'tableware', 'handmade'],
    gtin: '6111000450024',
    hsCode: '691200',
    originCountry: 'MA',
    netWeightG: 2_100,
    grossWeightG: 2_900,
    lengthMm: 300,
    widthMm: 300,
    heightMm: 220,
    costPrice: { amountMinor: 18_000, currency: 'MAD' },
    prices: [
      { priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 4_900 }] },
      {
        priceList: 'WHOLESALE',
        currency: 'EUR',
        tiers: [
          { minQuantityMilli: 12_000, amountMinor: 3_200 },
          { minQuantityMilli: 48_000, amountMinor: 2_900 },
        ],
      },
    ],
    minimumOrders: [{ priceList: 'WHOLESALE', quantityMilli: 12_000 }],
  },
  {
    sku: 'BOWL-FES-BLUE',
    category: 'ceramics',
    status: 'draft',
    texts: {
      en: { title: 'Fès blue bowl, 20 cm' },
      fr: { title: 'Bol bleu de Fès, 20 cm' },
      de: { title: 'Blaue Schale aus Fès, 20 cm' },
      ar: { title: 'زبدية فاسية زرقاء، 20 سم' },
    },
    brand: 'Atlas Céramique',
    tags: ['ceramics', 'tableware'],
    hsCode: '691200',
    originCountry: 'MA',
    netWeightG: 650,
    grossWeightG: 900,
    lengthMm: 200,
    widthMm: 200,
    heightMm: 80,
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 2_400 }] }],
  },
  {
    sku: 'ARGAN-OIL',
    category: 'argan',
    status: 'active',
    texts: {
      en: { title: 'Argan oil, cold-pressed, organic', description: 'Pressed by a women’s cooperative near Essaouira. For skin and hair.' },
      fr: { title: "Huile d'argan pressée à froid, bio", description: "Pressée par une coopérative de femmes près d'Essaouira. Pour la peau et les cheveux." },
      de: { title: 'Arganöl, kaltgepresst, bio', description: 'Von einer Frauenkooperative bei Essaouira gepresst. Für Haut und Haar.' },
      ar: { title: 'زيت أركان معصور على البارد، عضوي', description: 'من تعاونية نسائية قرب الصويرة. للبشرة والشعر.' },
    },
    brand: 'Atlas Argan',
    tags: ['argan', 'organic', 'cosmetics'],
    hsCode: '151590',
    originCountry: 'MA',
    costPrice: { amountMinor: 6_500, currency: 'MAD' },
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 1_490 }] }],
  },
];

/** The argan oil's two bottles, each with its own GTIN, weight and price. */
const ARGAN_VARIANTS: Record<string, { gtin: string; netWeightG: number; grossWeightG: number; retail: number; wholesale: number }> = {
  'ARGAN-OIL-100-ML': { gtin: '6111000450031', netWeightG: 92, grossWeightG: 240, retail: 1_490, wholesale: 890 },
  'ARGAN-OIL-250-ML': { gtin: '6111000450109', netWeightG: 229, grossWeightG: 480, retail: 2_990, wholesale: 1_790 },
};

export const productsStep: DemoStep = {
  name: 'products',
  message: 'Creating the catalogue',
  async run({ db }) {
    return writeTransaction(db, async (trx) => {
      const categoryIds = new Map<string, number>();
      for (const { key, parent, ...category } of CATEGORIES) {
        const parentId = parent === undefined ? null : (categoryIds.get(parent) ?? null);
        const created = await createCategory(trx, CategoryCreateSchema.parse({ ...category, parentId }));
        categoryIds.set(key, created.id);
      }
      for (const { category, ...product } of PRODUCTS) {
        await createProduct(trx, ProductInputSchema.parse({ ...product, categoryId: categoryIds.get(category) ?? null }));
      }
      const argan = await getProductBySku(trx, 'ARGAN-OIL');
      const { product } = await generateVariants(trx, {
        productId: argan.id,
        revision: argan.revision,
        options: [{ name: 'Size', values: ['100 ml', '250 ml'] }],
      });
      for (const variant of product.variants) {
        const data = ARGAN_VARIANTS[variant.sku];
        if (!data) throw new Error(`The demo has no data for the variant ${variant.sku}.`);
        await updateProduct(
          trx,
          ProductUpdateSchema.parse({
            id: variant.id,
            revision: variant.revision,
            gtin: data.gtin,
            netWeightG: data.netWeightG,
            grossWeightG: data.grossWeightG,
            prices: [
              { priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: data.retail }] },
              { priceList: 'WHOLESALE', currency: 'EUR', tiers: [{ minQuantityMilli: 24_000, amountMinor: data.wholesale }] },
            ],
            minimumOrders: [{ priceList: 'WHOLESALE', quantityMilli: 24_000 }],
          }),
        );
      }
      return { categories: CATEGORIES.length, products: PRODUCTS.length + product.variants.length };
    });
  },
};
