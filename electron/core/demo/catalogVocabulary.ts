/*
 * Words the generated catalogue is made of: the kinds of article a Moroccan exporter sells, in the
 * four default catalog languages, with their real HS headings, units, categories, options and
 * price ranges. Only data; catalogDataset.ts combines it.
 */

export type Lang = 'en' | 'fr' | 'de' | 'ar';
export type Words = Record<Lang, string>;

export interface CategorySpec {
  key: string;
  code: string;
  parent?: string;
  names: Words;
  attributes?: { code: string; type: 'text' | 'number' | 'boolean' | 'choice'; required?: boolean; choices?: string[]; labels: Partial<Words> }[];
}

export const CATEGORY_SPECS: readonly CategorySpec[] = [
  {
    key: 'rugs',
    code: 'RUGS',
    names: { en: 'Rugs', fr: 'Tapis', de: 'Teppiche', ar: 'زرابي' },
    attributes: [
      { code: 'material', type: 'choice', required: true, choices: ['wool', 'cotton', 'cactus silk'], labels: { en: 'Material', fr: 'Matière', de: 'Material', ar: 'المادة' } },
      { code: 'pile_height_mm', type: 'number', labels: { en: 'Pile height (mm)', fr: 'Hauteur du velours (mm)', de: 'Florhöhe (mm)' } },
    ],
  },
  { key: 'rugs-bo', code: 'RUGS-BO', parent: 'rugs', names: { en: 'Beni Ourain', fr: 'Béni Ouarain', de: 'Beni Ourain', ar: 'بني وراين' } },
  { key: 'rugs-kilim', code: 'RUGS-KILIM', parent: 'rugs', names: { en: 'Kilims', fr: 'Kilims', de: 'Kelims', ar: 'كليم' } },
  { key: 'rugs-bouch', code: 'RUGS-BOUCHEROUITE', parent: 'rugs', names: { en: 'Boucherouite', fr: 'Boucherouite', de: 'Boucherouite', ar: 'بوشرويط' } },
  { key: 'rugs-azilal', code: 'RUGS-AZILAL', parent: 'rugs', names: { en: 'Azilal', fr: 'Azilal', de: 'Azilal', ar: 'أزيلال' } },
  { key: 'rugs-runner', code: 'RUGS-RUNNER', parent: 'rugs', names: { en: 'Runners', fr: 'Tapis de couloir', de: 'Läufer', ar: 'زرابي الممرات' } },
  { key: 'ceramics', code: 'CERAMICS', names: { en: 'Ceramics', fr: 'Céramique', de: 'Keramik', ar: 'خزف' } },
  { key: 'cer-tagine', code: 'CER-TAGINES', parent: 'ceramics', names: { en: 'Tagines', fr: 'Tajines', de: 'Tajines', ar: 'طواجن' } },
  { key: 'cer-table', code: 'CER-TABLEWARE', parent: 'ceramics', names: { en: 'Tableware', fr: 'Vaisselle', de: 'Geschirr', ar: 'أواني المائدة' } },
  { key: 'cer-zellige', code: 'CER-ZELLIGE', parent: 'ceramics', names: { en: 'Zellige tiles', fr: 'Zellige', de: 'Zellige-Fliesen', ar: 'زليج' } },
  { key: 'cer-vase', code: 'CER-VASES', parent: 'ceramics', names: { en: 'Vases', fr: 'Vases', de: 'Vasen', ar: 'مزهريات' } },
  { key: 'lighting', code: 'LIGHTING', names: { en: 'Lighting', fr: 'Luminaires', de: 'Leuchten', ar: 'إنارة' } },
  { key: 'light-lantern', code: 'LIGHT-LANTERNS', parent: 'lighting', names: { en: 'Lanterns', fr: 'Lanternes', de: 'Laternen', ar: 'فوانيس' } },
  { key: 'light-lamp', code: 'LIGHT-LAMPS', parent: 'lighting', names: { en: 'Lamps', fr: 'Lampes', de: 'Lampen', ar: 'مصابيح' } },
  { key: 'textiles', code: 'TEXTILES', names: { en: 'Textiles', fr: 'Textiles', de: 'Textilien', ar: 'منسوجات' } },
  { key: 'tex-cushion', code: 'TEX-CUSHIONS', parent: 'textiles', names: { en: 'Cushions', fr: 'Coussins', de: 'Kissen', ar: 'وسائد' } },
  { key: 'tex-blanket', code: 'TEX-BLANKETS', parent: 'textiles', names: { en: 'Blankets', fr: 'Couvertures', de: 'Decken', ar: 'أغطية' } },
  { key: 'tex-pouf', code: 'TEX-POUFS', parent: 'textiles', names: { en: 'Poufs', fr: 'Poufs', de: 'Poufs', ar: 'بوف' } },
  { key: 'tex-fabric', code: 'TEX-FABRIC', parent: 'textiles', names: { en: 'Fabric by the metre', fr: 'Tissu au mètre', de: 'Meterware', ar: 'قماش بالمتر' } },
  { key: 'tex-fashion', code: 'TEX-FASHION', parent: 'textiles', names: { en: 'Kaftans and scarves', fr: 'Caftans et foulards', de: 'Kaftane und Schals', ar: 'قفاطين وأوشحة' } },
  { key: 'cosmetics', code: 'COSMETICS', names: { en: 'Cosmetics', fr: 'Cosmétiques', de: 'Kosmetik', ar: 'مستحضرات التجميل' } },
  { key: 'cos-argan', code: 'COS-ARGAN', parent: 'cosmetics', names: { en: 'Argan oil', fr: "Huile d'argan", de: 'Arganöl', ar: 'زيت أركان' } },
  { key: 'cos-soap', code: 'COS-SOAP', parent: 'cosmetics', names: { en: 'Soaps', fr: 'Savons', de: 'Seifen', ar: 'صابون' } },
  { key: 'cos-clay', code: 'COS-CLAY', parent: 'cosmetics', names: { en: 'Clay', fr: 'Argile', de: 'Tonerde', ar: 'غاسول' } },
  { key: 'food', code: 'FOOD', names: { en: 'Food', fr: 'Épicerie', de: 'Lebensmittel', ar: 'مواد غذائية' } },
  { key: 'food-spice', code: 'FOOD-SPICES', parent: 'food', names: { en: 'Spices', fr: 'Épices', de: 'Gewürze', ar: 'توابل' } },
  { key: 'food-tea', code: 'FOOD-TEA', parent: 'food', names: { en: 'Tea', fr: 'Thé', de: 'Tee', ar: 'شاي' } },
  { key: 'food-oil', code: 'FOOD-OIL', parent: 'food', names: { en: 'Olive oil', fr: "Huile d'olive", de: 'Olivenöl', ar: 'زيت الزيتون' } },
  { key: 'leather', code: 'LEATHER', names: { en: 'Leather', fr: 'Maroquinerie', de: 'Lederwaren', ar: 'جلديات' } },
  { key: 'lea-babouche', code: 'LEA-BABOUCHES', parent: 'leather', names: { en: 'Babouches', fr: 'Babouches', de: 'Babuschen', ar: 'بلاغي' } },
  { key: 'lea-bag', code: 'LEA-BAGS', parent: 'leather', names: { en: 'Bags', fr: 'Sacs', de: 'Taschen', ar: 'حقائب' } },
  { key: 'home', code: 'HOME', names: { en: 'Home', fr: 'Maison', de: 'Wohnen', ar: 'المنزل' } },
  { key: 'home-tray', code: 'HOME-TRAYS', parent: 'home', names: { en: 'Trays', fr: 'Plateaux', de: 'Tabletts', ar: 'صواني' } },
  { key: 'home-mirror', code: 'HOME-MIRRORS', parent: 'home', names: { en: 'Mirrors', fr: 'Miroirs', de: 'Spiegel', ar: 'مرايا' } },
  { key: 'home-basket', code: 'HOME-BASKETS', parent: 'home', names: { en: 'Baskets', fr: 'Paniers', de: 'Körbe', ar: 'سلال' } },
  { key: 'home-tea', code: 'HOME-TEA', parent: 'home', names: { en: 'Tea service', fr: 'Service à thé', de: 'Teeservice', ar: 'أواني الشاي' } },
];

export interface OptionSpec {
  name: string;
  values: readonly string[];
  /** How many values a parent offers (a random subset, in this order). */
  pick: [number, number];
}

export interface TypeSpec {
  key: string;
  category: string;
  /** SKU prefix. */
  sku: string;
  names: Words;
  hs: string;
  unit: 'pcs' | 'pair' | 'set' | 'kg' | 'g' | 'l' | 'm' | 'm2';
  /** Materials this kind is made of (keys of MATERIALS). */
  materials: readonly string[];
  /** Sizes shown in the title (language-neutral digits), with a weight in grams for each. */
  sizes: readonly { label: string; grams: number }[];
  /** Retail price in EUR cents for one unit, range. */
  retail: [number, number];
  /** How often this kind occurs, relative. */
  weight: number;
  brand: string;
  /** Options of the parents of this kind; absent: only simple products. */
  options?: readonly OptionSpec[];
  /** Share of this kind's products that are parents with variants. */
  parentShare?: number;
  /** Receipt batch in whole units and the milli-unit step of a quantity. */
  batch: [number, number];
  step: number;
}

const SIZE_OPTION: OptionSpec = { name: 'Size', values: ['S', 'M', 'L', 'XL'], pick: [2, 4] };
const COLOUR_OPTION: OptionSpec = { name: 'Colour', values: ['Indigo', 'Saffron', 'Natural', 'Terracotta', 'Emerald', 'Ivory'], pick: [1, 3] };

export const TYPE_SPECS: readonly TypeSpec[] = [
  {
    key: 'bo', category: 'rugs-bo', sku: 'RUG-BO', names: { en: 'Beni Ourain rug', fr: 'Tapis Béni Ouarain', de: 'Beni-Ourain-Teppich', ar: 'زربية بني وراين' },
    hs: '570110', unit: 'pcs', materials: ['wool'], sizes: [{ label: '120 × 180', grams: 7000 }, { label: '160 × 230', grams: 11000 }, { label: '200 × 300', grams: 18000 }, { label: '250 × 350', grams: 26000 }],
    retail: [29_000, 190_000], weight: 5, brand: 'Atlas Tapis', batch: [2, 12], step: 1000,
  },
  {
    key: 'kilim', category: 'rugs-kilim', sku: 'RUG-KL', names: { en: 'Kilim rug', fr: 'Tapis kilim', de: 'Kelim-Teppich', ar: 'زربية كليم' },
    hs: '570210', unit: 'pcs', materials: ['wool', 'cotton'], sizes: [{ label: '90 × 150', grams: 2500 }, { label: '140 × 200', grams: 4500 }, { label: '170 × 240', grams: 6500 }],
    retail: [9_000, 69_000], weight: 5, brand: 'Atlas Tapis', batch: [3, 20], step: 1000,
  },
  {
    key: 'bouch', category: 'rugs-bouch', sku: 'RUG-BC', names: { en: 'Boucherouite rug', fr: 'Tapis boucherouite', de: 'Boucherouite-Teppich', ar: 'زربية بوشرويط' },
    hs: '570500', unit: 'pcs', materials: ['cotton'], sizes: [{ label: '80 × 120', grams: 1800 }, { label: '120 × 180', grams: 3500 }],
    retail: [6_000, 29_000], weight: 3, brand: 'Atlas Tapis', batch: [3, 20], step: 1000,
  },
  {
    key: 'azilal', category: 'rugs-azilal', sku: 'RUG-AZ', names: { en: 'Azilal rug', fr: 'Tapis Azilal', de: 'Azilal-Teppich', ar: 'زربية أزيلال' },
    hs: '570110', unit: 'pcs', materials: ['wool', 'cactus silk'], sizes: [{ label: '150 × 240', grams: 9000 }, { label: '200 × 300', grams: 15000 }],
    retail: [35_000, 160_000], weight: 3, brand: 'Atlas Tapis', batch: [1, 8], step: 1000,
  },
  {
    key: 'runner', category: 'rugs-runner', sku: 'RUG-RN', names: { en: 'Hallway runner', fr: 'Tapis de couloir', de: 'Flurläufer', ar: 'زربية ممر' },
    hs: '570500', unit: 'm', materials: ['wool', 'cotton'], sizes: [{ label: '70', grams: 1200 }, { label: '90', grams: 1600 }],
    retail: [3_900, 12_900], weight: 2, brand: 'Atlas Tapis', batch: [20, 120], step: 500,
  },
  {
    key: 'tagine', category: 'cer-tagine', sku: 'TAG', names: { en: 'Ceramic tagine', fr: 'Tajine en céramique', de: 'Keramik-Tajine', ar: 'طاجين خزفي' },
    hs: '691200', unit: 'pcs', materials: ['earthenware'], sizes: [{ label: '20', grams: 900 }, { label: '26', grams: 1500 }, { label: '30', grams: 2100 }, { label: '35', grams: 3000 }],
    retail: [1_900, 8_900], weight: 6, brand: 'Atlas Céramique', batch: [12, 96], step: 1000,
  },
  {
    key: 'plate', category: 'cer-table', sku: 'PLT', names: { en: 'Hand-painted plate', fr: 'Assiette peinte à la main', de: 'Handbemalter Teller', ar: 'صحن مرسوم يدويا' },
    hs: '691200', unit: 'pcs', materials: ['earthenware'], sizes: [{ label: '18', grams: 350 }, { label: '24', grams: 600 }, { label: '32', grams: 1100 }],
    retail: [900, 4_900], weight: 6, brand: 'Atlas Céramique', batch: [24, 144], step: 1000,
  },
  {
    key: 'bowl', category: 'cer-table', sku: 'BWL', names: { en: 'Bowl', fr: 'Bol', de: 'Schale', ar: 'زبدية' },
    hs: '691200', unit: 'pcs', materials: ['earthenware'], sizes: [{ label: '12', grams: 250 }, { label: '16', grams: 400 }, { label: '20', grams: 650 }],
    retail: [700, 3_900], weight: 5, brand: 'Atlas Céramique', batch: [24, 144], step: 1000,
  },
  {
    key: 'zellige', category: 'cer-zellige', sku: 'ZEL', names: { en: 'Zellige tiles', fr: 'Carreaux de zellige', de: 'Zellige-Fliesen', ar: 'زليج' },
    hs: '690721', unit: 'm2', materials: ['earthenware'], sizes: [{ label: '5 × 5', grams: 28000 }, { label: '10 × 10', grams: 30000 }],
    retail: [8_900, 24_900], weight: 3, brand: 'Dar Zellige', batch: [10, 80], step: 500,
  },
  {
    key: 'vase', category: 'cer-vase', sku: 'VAS', names: { en: 'Vase', fr: 'Vase', de: 'Vase', ar: 'مزهرية' },
    hs: '691390', unit: 'pcs', materials: ['earthenware', 'glass'], sizes: [{ label: '25', grams: 900 }, { label: '40', grams: 1800 }],
    retail: [1_900, 12_900], weight: 3, brand: 'Atlas Céramique', batch: [6, 48], step: 1000,
  },
  {
    key: 'lantern', category: 'light-lantern', sku: 'LAN', names: { en: 'Lantern', fr: 'Lanterne', de: 'Laterne', ar: 'فانوس' },
    hs: '940549', unit: 'pcs', materials: ['brass', 'copper'], sizes: [{ label: '30', grams: 1200 }, { label: '50', grams: 2600 }, { label: '80', grams: 5200 }],
    retail: [3_900, 29_900], weight: 4, brand: 'Nour Médina', batch: [4, 40], step: 1000,
  },
  {
    key: 'lamp', category: 'light-lamp', sku: 'LMP', names: { en: 'Table lamp', fr: 'Lampe de table', de: 'Tischlampe', ar: 'مصباح طاولة' },
    hs: '940521', unit: 'pcs', materials: ['brass', 'palm leaf', 'earthenware'], sizes: [{ label: '35', grams: 1800 }, { label: '55', grams: 3200 }],
    retail: [4_900, 24_900], weight: 3, brand: 'Nour Médina', batch: [4, 30], step: 1000,
  },
  {
    key: 'cushion', category: 'tex-cushion', sku: 'CUS', names: { en: 'Cushion cover', fr: 'Housse de coussin', de: 'Kissenbezug', ar: 'غطاء وسادة' },
    hs: '630499', unit: 'pcs', materials: ['wool', 'cotton', 'cactus silk'], sizes: [{ label: '40 × 40', grams: 300 }, { label: '50 × 50', grams: 420 }, { label: '30 × 60', grams: 350 }],
    retail: [1_900, 7_900], weight: 6, brand: 'Atlas Textiles', batch: [10, 100], step: 1000,
    options: [COLOUR_OPTION], parentShare: 0.25,
  },
  {
    key: 'blanket', category: 'tex-blanket', sku: 'BLK', names: { en: 'Pompom blanket', fr: 'Couverture à pompons', de: 'Pompon-Decke', ar: 'غطاء بالكريات' },
    hs: '630140', unit: 'pcs', materials: ['wool', 'cotton'], sizes: [{ label: '150 × 200', grams: 1600 }, { label: '200 × 250', grams: 2400 }],
    retail: [4_900, 18_900], weight: 4, brand: 'Atlas Textiles', batch: [5, 50], step: 1000,
  },
  {
    key: 'pouf', category: 'tex-pouf', sku: 'POF', names: { en: 'Leather pouf', fr: 'Pouf en cuir', de: 'Lederpouf', ar: 'بوف جلدي' },
    hs: '940490', unit: 'pcs', materials: ['leather'], sizes: [{ label: '50', grams: 1500 }, { label: '60', grams: 2000 }],
    retail: [4_900, 15_900], weight: 4, brand: 'Atlas Cuir', batch: [5, 40], step: 1000,
    options: [COLOUR_OPTION], parentShare: 0.35,
  },
  {
    key: 'fabric', category: 'tex-fabric', sku: 'FAB', names: { en: 'Woven fabric', fr: 'Tissu tissé', de: 'Webstoff', ar: 'قماش منسوج' },
    hs: '580900', unit: 'm', materials: ['cotton', 'wool', 'cactus silk'], sizes: [{ label: '140', grams: 300 }, { label: '280', grams: 600 }],
    retail: [1_200, 4_900], weight: 3, brand: 'Atlas Textiles', batch: [30, 300], step: 500,
  },
  {
    key: 'kaftan', category: 'tex-fashion', sku: 'KFT', names: { en: 'Kaftan', fr: 'Caftan', de: 'Kaftan', ar: 'قفطان' },
    hs: '620442', unit: 'pcs', materials: ['cotton', 'cactus silk'], sizes: [{ label: '', grams: 600 }],
    retail: [5_900, 34_900], weight: 4, brand: 'Dar Couture', batch: [3, 30], step: 1000,
    options: [SIZE_OPTION, COLOUR_OPTION], parentShare: 0.4,
  },
  {
    key: 'scarf', category: 'tex-fashion', sku: 'SCF', names: { en: 'Scarf', fr: 'Foulard', de: 'Schal', ar: 'وشاح' },
    hs: '621420', unit: 'pcs', materials: ['wool', 'cotton', 'cactus silk'], sizes: [{ label: '70 × 180', grams: 180 }],
    retail: [1_500, 5_900], weight: 3, brand: 'Dar Couture', batch: [10, 80], step: 1000,
  },
  {
    key: 'argan', category: 'cos-argan', sku: 'ARG', names: { en: 'Argan oil', fr: "Huile d'argan", de: 'Arganöl', ar: 'زيت أركان' },
    hs: '151590', unit: 'pcs', materials: ['organic'], sizes: [{ label: '', grams: 120 }],
    retail: [990, 3_990], weight: 5, brand: 'Atlas Argan', batch: [48, 480], step: 1000,
    options: [{ name: 'Size', values: ['30 ml', '50 ml', '100 ml', '250 ml', '500 ml'], pick: [2, 4] }], parentShare: 0.5,
  },
  {
    key: 'soap', category: 'cos-soap', sku: 'SOP', names: { en: 'Black soap', fr: 'Savon noir', de: 'Schwarze Seife', ar: 'صابون بلدي' },
    hs: '340120', unit: 'pcs', materials: ['organic'], sizes: [{ label: '200', grams: 220 }, { label: '500', grams: 530 }],
    retail: [590, 1_990], weight: 4, brand: 'Atlas Argan', batch: [48, 480], step: 1000,
  },
  {
    key: 'ghassoul', category: 'cos-clay', sku: 'GHS', names: { en: 'Ghassoul clay', fr: 'Argile ghassoul', de: 'Rhassoul-Tonerde', ar: 'غاسول' },
    hs: '250830', unit: 'kg', materials: ['organic'], sizes: [{ label: '', grams: 1000 }],
    retail: [1_200, 3_900], weight: 2, brand: 'Atlas Argan', batch: [25, 250], step: 500,
  },
  {
    key: 'spice', category: 'food-spice', sku: 'SPC', names: { en: 'Ras el hanout', fr: 'Ras el hanout', de: 'Ras el Hanout', ar: 'رأس الحانوت' },
    hs: '091099', unit: 'kg', materials: ['organic'], sizes: [{ label: '', grams: 1000 }],
    retail: [1_900, 5_900], weight: 3, brand: 'Souk Épices', batch: [10, 120], step: 250,
  },
  {
    key: 'saffron', category: 'food-spice', sku: 'SAF', names: { en: 'Taliouine saffron', fr: 'Safran de Taliouine', de: 'Taliouine-Safran', ar: 'زعفران تالوين' },
    hs: '091020', unit: 'g', materials: ['organic'], sizes: [{ label: '', grams: 1 }],
    retail: [600, 1_400], weight: 1, brand: 'Souk Épices', batch: [100, 1000], step: 1000,
  },
  {
    key: 'tea', category: 'food-tea', sku: 'TEA', names: { en: 'Mint green tea', fr: 'Thé vert à la menthe', de: 'Grüner Minztee', ar: 'شاي أخضر بالنعناع' },
    hs: '090210', unit: 'kg', materials: ['organic'], sizes: [{ label: '', grams: 1000 }],
    retail: [1_900, 4_900], weight: 2, brand: 'Souk Épices', batch: [20, 200], step: 250,
  },
  {
    key: 'olive', category: 'food-oil', sku: 'OLV', names: { en: 'Extra virgin olive oil', fr: "Huile d'olive vierge extra", de: 'Natives Olivenöl extra', ar: 'زيت زيتون بكر ممتاز' },
    hs: '150920', unit: 'l', materials: ['organic'], sizes: [{ label: '', grams: 920 }],
    retail: [990, 2_490], weight: 2, brand: 'Souk Épices', batch: [50, 500], step: 250,
  },
  {
    key: 'babouche', category: 'lea-babouche', sku: 'BAB', names: { en: 'Babouche slippers', fr: 'Babouches', de: 'Babuschen', ar: 'بلغة' },
    hs: '640510', unit: 'pair', materials: ['leather'], sizes: [{ label: '', grams: 450 }],
    retail: [2_500, 6_900], weight: 5, brand: 'Atlas Cuir', batch: [10, 120], step: 1000,
    options: [{ name: 'Size', values: ['37', '38', '39', '40', '41', '42', '43', '44', '45'], pick: [3, 6] }, COLOUR_OPTION], parentShare: 0.4,
  },
  {
    key: 'bag', category: 'lea-bag', sku: 'BAG', names: { en: 'Leather bag', fr: 'Sac en cuir', de: 'Ledertasche', ar: 'حقيبة جلدية' },
    hs: '420221', unit: 'pcs', materials: ['leather'], sizes: [{ label: '30', grams: 700 }, { label: '40', grams: 1100 }],
    retail: [4_900, 19_900], weight: 4, brand: 'Atlas Cuir', batch: [5, 60], step: 1000,
    options: [COLOUR_OPTION], parentShare: 0.3,
  },
  {
    key: 'tray', category: 'home-tray', sku: 'TRY', names: { en: 'Engraved tray', fr: 'Plateau ciselé', de: 'Graviertes Tablett', ar: 'صينية منقوشة' },
    hs: '741810', unit: 'pcs', materials: ['brass', 'copper'], sizes: [{ label: '40', grams: 1400 }, { label: '60', grams: 2600 }, { label: '80', grams: 4200 }],
    retail: [2_900, 19_900], weight: 3, brand: 'Nour Médina', batch: [4, 40], step: 1000,
  },
  {
    key: 'mirror', category: 'home-mirror', sku: 'MIR', names: { en: 'Mirror', fr: 'Miroir', de: 'Spiegel', ar: 'مرآة' },
    hs: '700991', unit: 'pcs', materials: ['cedar wood', 'brass'], sizes: [{ label: '40', grams: 2200 }, { label: '60', grams: 4200 }],
    retail: [4_900, 29_900], weight: 3, brand: 'Nour Médina', batch: [3, 24], step: 1000,
  },
  {
    key: 'basket', category: 'home-basket', sku: 'BSK', names: { en: 'Woven basket', fr: 'Panier tressé', de: 'Geflochtener Korb', ar: 'سلة منسوجة' },
    hs: '460219', unit: 'pcs', materials: ['palm leaf'], sizes: [{ label: '30', grams: 500 }, { label: '45', grams: 900 }],
    retail: [1_500, 5_900], weight: 4, brand: 'Souk Select', batch: [10, 100], step: 1000,
  },
  {
    key: 'teapot', category: 'home-tea', sku: 'TPT', names: { en: 'Moroccan teapot', fr: 'Théière marocaine', de: 'Marokkanische Teekanne', ar: 'براد مغربي' },
    hs: '732393', unit: 'pcs', materials: ['brass', 'copper'], sizes: [{ label: '0.6', grams: 600 }, { label: '1.2', grams: 900 }],
    retail: [2_900, 8_900], weight: 3, brand: 'Nour Médina', batch: [6, 60], step: 1000,
  },
  {
    key: 'glasses', category: 'home-tea', sku: 'GLS', names: { en: 'Tea glasses', fr: 'Verres à thé', de: 'Teegläser', ar: 'كؤوس الشاي' },
    hs: '701337', unit: 'set', materials: ['glass'], sizes: [{ label: '6', grams: 900 }, { label: '12', grams: 1800 }],
    retail: [1_500, 4_900], weight: 3, brand: 'Souk Select', batch: [10, 120], step: 1000,
  },
];

export const MATERIALS: Record<string, Words> = {
  wool: { en: 'wool', fr: 'laine', de: 'Wolle', ar: 'صوف' },
  cotton: { en: 'cotton', fr: 'coton', de: 'Baumwolle', ar: 'قطن' },
  'cactus silk': { en: 'cactus silk', fr: 'soie de cactus', de: 'Kaktusseide', ar: 'حرير الصبار' },
  leather: { en: 'leather', fr: 'cuir', de: 'Leder', ar: 'جلد' },
  brass: { en: 'brass', fr: 'laiton', de: 'Messing', ar: 'نحاس أصفر' },
  copper: { en: 'copper', fr: 'cuivre', de: 'Kupfer', ar: 'نحاس' },
  earthenware: { en: 'glazed earthenware', fr: 'faïence émaillée', de: 'glasierte Irdenware', ar: 'فخار مزجج' },
  'cedar wood': { en: 'cedar wood', fr: 'bois de cèdre', de: 'Zedernholz', ar: 'خشب الأرز' },
  'palm leaf': { en: 'palm leaf', fr: 'feuille de palmier', de: 'Palmblatt', ar: 'سعف النخيل' },
  glass: { en: 'glass', fr: 'verre', de: 'Glas', ar: 'زجاج' },
  organic: { en: 'organic', fr: 'bio', de: 'bio', ar: 'عضوي' },
};

export const COLOURS: readonly Words[] = [
  { en: 'indigo', fr: 'indigo', de: 'indigoblau', ar: 'نيلي' },
  { en: 'saffron', fr: 'safran', de: 'safrangelb', ar: 'زعفراني' },
  { en: 'natural', fr: 'naturel', de: 'naturfarben', ar: 'طبيعي' },
  { en: 'terracotta', fr: 'terre cuite', de: 'terrakotta', ar: 'طيني' },
  { en: 'cobalt blue', fr: 'bleu cobalt', de: 'kobaltblau', ar: 'أزرق كوبالتي' },
  { en: 'emerald', fr: 'émeraude', de: 'smaragdgrün', ar: 'زمردي' },
  { en: 'ivory', fr: 'ivoire', de: 'elfenbein', ar: 'عاجي' },
  { en: 'charcoal', fr: 'anthracite', de: 'anthrazit', ar: 'فحمي' },
  { en: 'rose', fr: 'rose', de: 'rosé', ar: 'وردي' },
  { en: 'ochre', fr: 'ocre', de: 'ocker', ar: 'مغرة' },
];

export const PLACES: readonly Words[] = [
  { en: 'Fès', fr: 'Fès', de: 'Fès', ar: 'فاس' },
  { en: 'Marrakech', fr: 'Marrakech', de: 'Marrakesch', ar: 'مراكش' },
  { en: 'Safi', fr: 'Safi', de: 'Safi', ar: 'آسفي' },
  { en: 'Tiznit', fr: 'Tiznit', de: 'Tiznit', ar: 'تزنيت' },
  { en: 'Essaouira', fr: 'Essaouira', de: 'Essaouira', ar: 'الصويرة' },
  { en: 'Chefchaouen', fr: 'Chefchaouen', de: 'Chefchaouen', ar: 'شفشاون' },
  { en: 'Meknès', fr: 'Meknès', de: 'Meknès', ar: 'مكناس' },
  { en: 'Taroudant', fr: 'Taroudant', de: 'Taroudant', ar: 'تارودانت' },
  { en: 'Ouarzazate', fr: 'Ouarzazate', de: 'Ouarzazate', ar: 'ورزازات' },
  { en: 'Khénifra', fr: 'Khénifra', de: 'Khenifra', ar: 'خنيفرة' },
  { en: 'Tétouan', fr: 'Tétouan', de: 'Tétouan', ar: 'تطوان' },
  { en: 'Salé', fr: 'Salé', de: 'Salé', ar: 'سلا' },
];

/** Workshops and cooperatives named in descriptions. */
export const MAKERS: readonly string[] = [
  'Coopérative Tifawt',
  'Atelier Bennani',
  'Dar Lamia',
  'Coopérative Amal',
  'Atelier Chraïbi',
  'Coopérative Tighanimine',
  'Maison Alaoui',
  'Atelier El Fassi',
];

export const DESCRIPTIONS: Record<Lang, readonly ((p: { place: string; maker: string; material: string; colour: string }) => string)[]> = {
  en: [
    (p) => `Handmade in ${p.place} by ${p.maker}, in ${p.material}. Each piece differs slightly in colour and size.`,
    (p) => `Made by ${p.maker} near ${p.place}. ${cap(p.colour)} tones, ${p.material}; packed for export in recycled cardboard.`,
  ],
  fr: [
    (p) => `Fait main à ${p.place} par ${p.maker}, en ${p.material}. Chaque pièce varie légèrement en couleur et en taille.`,
    (p) => `Réalisé par ${p.maker} près de ${p.place}. Tons ${p.colour}, ${p.material} ; emballé pour l'export en carton recyclé.`,
  ],
  de: [
    (p) => `Handgefertigt in ${p.place} von ${p.maker}, aus ${p.material}. Jedes Stück weicht in Farbe und Größe leicht ab.`,
    (p) => `Von ${p.maker} bei ${p.place} hergestellt. Farbton ${p.colour}, ${p.material}; für den Export in Recyclingkarton verpackt.`,
  ],
  ar: [
    (p) => `مصنوع يدويًا في ${p.place} من طرف ${p.maker}، من ${p.material}. تختلف كل قطعة قليلًا في اللون والحجم.`,
    (p) => `من إنتاج ${p.maker} قرب ${p.place}. لون ${p.colour}، ${p.material}؛ مغلف للتصدير في كرتون معاد تدويره.`,
  ],
};

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const TAGS: readonly string[] = [
  'handmade', 'berber', 'wool', 'organic', 'fair-trade', 'gift', 'bestseller', 'new', 'sale', 'vintage',
  'eco', 'cooperative', 'limited', 'premium', 'b2b', 'ramadan', 'wedding', 'kitchen', 'bath', 'outdoor',
];

export const SUPPLIERS: readonly string[] = [
  'Coopérative Tifawt', 'Atelier Bennani', 'Dar Lamia SARL', 'Coopérative Amal', 'Chraïbi Frères', 'Tighanimine', 'Alaoui & Fils', 'El Fassi Artisanat',
];

export const ADJUSTMENT_REASONS: readonly string[] = [
  'Damaged in transit',
  'Found during count',
  'Sample for a trade fair',
  'Breakage in the warehouse',
  'Quality check rejected',
];
