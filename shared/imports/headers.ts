import type { ColumnMapping, Profile } from './targets.ts';

/**
 * Column headers → targets, in English, French, German and Arabic. Headers are folded before they
 * are compared (accents, case, punctuation and Arabic harakat do not matter), so "Référence",
 * "REFERENCE" and "référence:" are one entry.
 */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\u0640/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SYNONYMS: Record<string, readonly string[]> = {
  sku: [
    'sku', 'variant sku', 'article number', 'item number', 'item no', 'product code', 'product id', 'reference', 'ref', 'code',
    'référence', 'ref produit', 'code article', 'code produit', 'numéro d article',
    'artikelnummer', 'artikel nr', 'art nr', 'artnr', 'bestellnummer', 'artikelcode',
    'رمز المنتج', 'رمز', 'الرمز', 'رقم الصنف', 'كود المنتج', 'رقم المنتج',
  ],
  parentSku: [
    'parent sku', 'parent', 'parent reference', 'parent code', 'parent_sku',
    'référence parent', 'sku parent', 'produit parent', 'parent référence',
    'übergeordnete artikelnummer', 'elternartikel', 'hauptartikel', 'stammartikel', 'eltern sku',
    'رمز المنتج الأصلي', 'المنتج الأصلي', 'رمز الأصل',
  ],
  handle: ['handle', 'url handle', 'identifiant url', 'slug'],
  kind: ['kind', 'product kind', 'type de produit kontor', 'artikelart', 'نوع المنتج'],
  status: ['status', 'state', 'statut', 'état', 'zustand', 'الحالة'],
  category: [
    'category', 'categories', 'product category', 'catégorie', 'catégories', 'rayon', 'famille',
    'kategorie', 'kategorien', 'warengruppe', 'produktkategorie', 'الفئة', 'التصنيف', 'الفئات', 'الصنف',
  ],
  brand: ['brand', 'vendor', 'manufacturer', 'make', 'marque', 'fabricant', 'marke', 'hersteller', 'العلامة التجارية', 'الماركة', 'الشركة المصنعة'],
  tags: ['tags', 'tag', 'keywords', 'étiquettes', 'mots clés', 'schlagwörter', 'schlagworte', 'stichwörter', 'الوسوم', 'كلمات مفتاحية', 'العلامات'],
  unit: ['unit', 'uom', 'unit of measure', 'sales unit', 'unité', 'unité de vente', 'einheit', 'mengeneinheit', 'verkaufseinheit', 'الوحدة', 'وحدة القياس'],
  gtin: [
    'gtin', 'ean', 'ean13', 'ean 13', 'upc', 'barcode', 'variant barcode', 'gtin ean', 'code barre', 'code barres', 'code ean',
    'strichcode', 'ean code', 'barcode nummer', 'الباركود', 'رمز الباركود', 'الرمز الشريطي',
  ],
  hsCode: [
    'hs code', 'hs', 'hs tariff code', 'customs code', 'tariff code', 'harmonized code', 'hs_code', 'commodity code',
    'code sh', 'code douanier', 'nomenclature douanière', 'code tarifaire', 'zolltarifnummer', 'warentarifnummer', 'zollnummer',
    'رمز النظام المنسق', 'الرمز الجمركي', 'رمز جمركي', 'البند الجمركي',
  ],
  originCountry: [
    'country of origin', 'origin', 'made in', 'origin country', 'origin_country',
    'pays d origine', 'origine', 'pays de fabrication', 'ursprungsland', 'herkunftsland', 'herkunft', 'بلد المنشأ', 'المنشأ',
  ],
  costPrice: [
    'cost', 'cost price', 'unit cost', 'purchase price', 'cost per item', 'cost_price',
    'prix d achat', 'coût', 'prix de revient', 'coût unitaire', 'einkaufspreis', 'ek preis', 'ek', 'selbstkosten', 'التكلفة', 'سعر التكلفة', 'سعر الشراء',
  ],
  costCurrency: ['cost currency', 'cost_currency', 'devise du coût', 'devise d achat', 'einkaufswährung', 'عملة التكلفة'],
  images: [
    'images', 'image', 'image src', 'image url', 'image urls', 'product image url', 'photo', 'photos', 'picture', 'pictures', 'image path',
    'bilder', 'bild', 'bild url', 'produktbild', 'الصور', 'صور', 'صورة', 'رابط الصورة',
  ],
  option1Name: ['option1 name', 'option 1 name', 'attribute 1 name', 'nom option 1', 'option 1 nom', 'variante 1 name', 'اسم الخيار 1'],
  option1Value: ['option1 value', 'option 1 value', 'attribute 1 value s', 'valeur option 1', 'option 1 valeur', 'variante 1 wert', 'option 1 wert', 'قيمة الخيار 1'],
  option2Name: ['option2 name', 'option 2 name', 'attribute 2 name', 'nom option 2', 'option 2 nom', 'variante 2 name', 'اسم الخيار 2'],
  option2Value: ['option2 value', 'option 2 value', 'attribute 2 value s', 'valeur option 2', 'option 2 valeur', 'variante 2 wert', 'option 2 wert', 'قيمة الخيار 2'],
  option3Name: ['option3 name', 'option 3 name', 'attribute 3 name', 'nom option 3', 'option 3 nom', 'variante 3 name', 'اسم الخيار 3'],
  option3Value: ['option3 value', 'option 3 value', 'attribute 3 value s', 'valeur option 3', 'option 3 valeur', 'variante 3 wert', 'option 3 wert', 'قيمة الخيار 3'],
};

const TEXT_WORDS: Record<'title' | 'description', readonly string[]> = {
  title: [
    'title', 'name', 'product name', 'product title', 'item name',
    'titre', 'nom', 'nom du produit', 'désignation', 'libellé', 'intitulé',
    'titel', 'bezeichnung', 'produktname', 'artikelbezeichnung', 'artikelname',
    'العنوان', 'اسم المنتج', 'الاسم', 'عنوان المنتج',
  ],
  description: [
    'description', 'body', 'body html', 'long description', 'product description',
    'descriptif', 'description longue', 'beschreibung', 'produktbeschreibung', 'langbeschreibung', 'الوصف', 'وصف المنتج',
  ],
};

/**
 * A text header written in French, German or Arabic ("Titre", "Beschreibung", "الوصف") usually sits
 * over text in that language; English and shared words ("Title", "Name") take the main language.
 */
const TEXT_WORD_LANGUAGE: Record<string, string> = Object.fromEntries(
  [
    ...['titre', 'nom', 'nom du produit', 'désignation', 'libellé', 'intitulé', 'descriptif', 'description longue'].map((w) => [w, 'fr']),
    ...['titel', 'bezeichnung', 'produktname', 'artikelbezeichnung', 'artikelname', 'beschreibung', 'produktbeschreibung', 'langbeschreibung'].map((w) => [w, 'de']),
    ...['العنوان', 'اسم المنتج', 'الاسم', 'عنوان المنتج', 'الوصف', 'وصف المنتج'].map((w) => [w, 'ar']),
  ].map(([w, l]) => [foldHeader(w ?? ''), l ?? '']),
);

const PRICE_WORDS = [
  'price', 'variant price', 'regular price', 'selling price', 'sales price', 'unit price',
  'prix', 'prix de vente', 'prix public', 'prix unitaire', 'pvc', 'preis', 'verkaufspreis', 'vk preis', 'vk', 'stückpreis', 'السعر', 'سعر البيع', 'سعر الوحدة',
];
const WHOLESALE_WORDS = ['wholesale price', 'wholesale', 'prix de gros', 'prix revendeur', 'grosshandelspreis', 'händlerpreis', 'سعر الجملة'];
const MOQ_WORDS = ['moq', 'minimum order quantity', 'minimum order', 'min order', 'quantité minimale', 'quantité minimum de commande', 'mindestbestellmenge', 'mindestmenge', 'الحد الأدنى للطلب'];
const NET_WEIGHT_WORDS = ['weight', 'net weight', 'weight value', 'poids', 'poids net', 'gewicht', 'nettogewicht', 'الوزن', 'الوزن الصافي'];
const GROSS_WEIGHT_WORDS = ['gross weight', 'shipping weight', 'variant grams', 'poids brut', 'poids d expédition', 'bruttogewicht', 'versandgewicht', 'الوزن الإجمالي', 'وزن الشحن'];
const LENGTH_WORDS: Record<'length' | 'width' | 'height', readonly string[]> = {
  length: ['length', 'longueur', 'länge', 'الطول'],
  width: ['width', 'largeur', 'breite', 'العرض'],
  height: ['height', 'hauteur', 'höhe', 'الارتفاع'],
};

const LANGUAGE_WORDS: Record<string, string> = {
  en: 'en', english: 'en', anglais: 'en', englisch: 'en', 'الإنجليزية': 'en', 'الانجليزية': 'en',
  fr: 'fr', french: 'fr', français: 'fr', francais: 'fr', französisch: 'fr', 'الفرنسية': 'fr',
  de: 'de', german: 'de', allemand: 'de', deutsch: 'de', 'الألمانية': 'de', 'الالمانية': 'de',
  ar: 'ar', arabic: 'ar', arabe: 'ar', arabisch: 'ar', 'العربية': 'ar',
  es: 'es', spanish: 'es', espagnol: 'es', spanisch: 'es', it: 'it', italian: 'it', italien: 'it', italienisch: 'it',
};
const WEIGHT_UNIT_WORDS: Record<string, 'g' | 'kg' | 'oz' | 'lb'> = {
  g: 'g', gr: 'g', grams: 'g', gramm: 'g', grammes: 'g', kg: 'kg', kilo: 'kg', kilogramm: 'kg', kilograms: 'kg', oz: 'oz', lb: 'lb', lbs: 'lb', 'غ': 'g', 'كغ': 'kg',
};
const LENGTH_UNIT_WORDS: Record<string, 'mm' | 'cm' | 'm' | 'in' | 'ft'> = { mm: 'mm', cm: 'cm', m: 'm', in: 'in', inch: 'in', inches: 'in', ft: 'ft', 'سم': 'cm', 'مم': 'mm' };
const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', 'د.م.': 'MAD', 'DH': 'MAD' };

export interface HeaderContext {
  /** Catalog languages; the first takes text columns that name no language. */
  languages: readonly string[];
  /** Price list codes, upper case (RETAIL, WHOLESALE …). */
  priceLists: readonly string[];
}

const folded = (words: readonly string[]): Set<string> => new Set(words.map(foldHeader));
const SYNONYM_INDEX = new Map<string, string>();
for (const [target, words] of Object.entries(SYNONYMS)) for (const w of words) SYNONYM_INDEX.set(foldHeader(w), target);
const TITLE_SET = folded(TEXT_WORDS.title);
const DESCRIPTION_SET = folded(TEXT_WORDS.description);
const PRICE_SET = folded(PRICE_WORDS);
const WHOLESALE_SET = folded(WHOLESALE_WORDS);
const MOQ_SET = folded(MOQ_WORDS);
const NET_SET = folded(NET_WEIGHT_WORDS);
const GROSS_SET = folded(GROSS_WEIGHT_WORDS);
const LENGTH_SETS = Object.entries(LENGTH_WORDS).map(([k, v]) => [k, folded(v)] as const);

/** Pulls trailing/leading qualifier words (a language, a unit, a currency) out of a folded header. */
function split(foldedHeader: string, qualifier: (word: string) => string | undefined): { rest: string; found: string | undefined } {
  const words = foldedHeader.split(' ');
  let found: string | undefined;
  const rest = words.filter((w) => {
    const q = qualifier(w);
    if (q !== undefined && found === undefined) {
      found = q;
      return false;
    }
    return true;
  });
  return { rest: rest.join(' '), found };
}

const ISO_CURRENCY = /^[a-z]{3}$/;

/** The target of one header in a generic sheet, or null when nothing fits. */
export function targetForHeader(header: string, context: HeaderContext): string | null {
  const f = foldHeader(header);
  if (f === '') return null;
  const direct = SYNONYM_INDEX.get(f);
  if (direct) return direct;
  const mainLanguage = context.languages[0] ?? 'en';

  // Kontor's own columns: title_fr, description_de, price_RETAIL_EUR, moq_WHOLESALE, attr_material.
  const own = /^(title|description)_([a-z]{2,3})$/.exec(header.trim());
  if (own) return `${own[1]}:${own[2]}`;
  const ownPrice = /^price_([A-Z0-9_-]+?)_([A-Z]{3})$/.exec(header.trim());
  if (ownPrice) return `price:${ownPrice[1]}:${ownPrice[2]}`;
  const ownMoq = /^moq_([A-Z0-9_-]+)$/.exec(header.trim());
  if (ownMoq) return `moq:${ownMoq[1]}`;
  const ownAttribute = /^attr_([a-z][a-z0-9_]*)$/.exec(header.trim());
  if (ownAttribute) return `attribute:${ownAttribute[1]}`;

  const text = split(f, (w) => LANGUAGE_WORDS[w]);
  const wordLanguage = TEXT_WORD_LANGUAGE[text.rest];
  const language = text.found ?? (wordLanguage && context.languages.includes(wordLanguage) ? wordLanguage : mainLanguage);
  if (TITLE_SET.has(text.rest)) return `title:${language}`;
  if (DESCRIPTION_SET.has(text.rest)) return `description:${language}`;

  const weight = split(f, (w) => WEIGHT_UNIT_WORDS[w]);
  if (NET_SET.has(weight.rest)) return `netWeight:${weight.found ?? 'kg'}`;
  if (GROSS_SET.has(weight.rest)) return `grossWeight:${weight.found ?? (weight.rest === 'variant grams' ? 'g' : 'kg')}`;
  const length = split(f, (w) => LENGTH_UNIT_WORDS[w]);
  for (const [field, set] of LENGTH_SETS) if (set.has(length.rest)) return `${field}:${length.found ?? 'cm'}`;

  const symbol = Object.entries(CURRENCY_SYMBOLS).find(([s]) => header.includes(s))?.[1];
  const priced = split(f, (w) => (ISO_CURRENCY.test(w) && w !== 'vkp' ? w.toUpperCase() : undefined));
  const currency = symbol ?? priced.found;
  const priceBase = symbol ? f : priced.rest;
  const suffix = currency ? `:${currency}` : '';
  if (PRICE_SET.has(priceBase)) return `price:RETAIL${suffix}`;
  if (WHOLESALE_SET.has(priceBase)) return `price:WHOLESALE${suffix}`;
  const listed = /^(?:price|prix|preis)\s+(\S+)$/.exec(priceBase);
  if (listed?.[1] && context.priceLists.includes(listed[1].toUpperCase())) return `price:${listed[1].toUpperCase()}${suffix}`;
  if (MOQ_SET.has(f)) return 'moq:WHOLESALE';
  return null;
}

/** Headers that only one known export has, and enough of them to be sure. */
const PROFILE_SIGNS: { profile: Exclude<Profile, 'generic'>; all: string[]; any: string[] }[] = [
  { profile: 'kontor', all: ['sku', 'kind', 'parent_sku', 'status'], any: ['unit', 'hs_code'] },
  { profile: 'shopify', all: [], any: ['handle', 'url handle'] },
  { profile: 'woocommerce', all: ['type', 'sku', 'name'], any: ['regular price', 'attribute 1 name', 'is featured', 'visibility in catalog'] },
];

export function detectProfile(headers: readonly string[]): Profile {
  const present = new Set(headers.map(foldHeader));
  for (const sign of PROFILE_SIGNS) {
    if (sign.all.every((h) => present.has(foldHeader(h))) && sign.any.some((h) => present.has(foldHeader(h)))) {
      if (sign.profile === 'shopify' && !['title', 'option1 name', 'variant sku', 'body html', 'sku', 'description'].some((h) => present.has(h))) continue;
      return sign.profile;
    }
  }
  return 'generic';
}

/** Columns the known exports have and that mean something else there than in a generic sheet. */
const PROFILE_OVERRIDES: Record<Exclude<Profile, 'generic' | 'kontor'>, Record<string, string | null>> = {
  shopify: {
    type: null,
    published: null,
    'published on online store': null,
    'variant compare at price': null,
    'compare at price': null,
    'variant inventory qty': null,
    'inventory quantity': null,
    'image position': null,
    'image alt text': null,
    'variant image': null,
    'variant weight unit': null,
    'seo title': null,
    'seo description': null,
    'variant grams': 'grossWeight:g',
    'weight value grams': 'grossWeight:g',
    'product category': 'category',
    'image src': 'images',
    'product image url': 'images',
  },
  woocommerce: {
    id: null,
    type: 'kind',
    published: 'status',
    'short description': null,
    'sale price': null,
    stock: null,
    'in stock': null,
    position: null,
    'attribute 1 visible': null,
    'attribute 1 global': null,
    'attribute 1 default': null,
    'attribute 2 visible': null,
    'attribute 2 global': null,
    'attribute 2 default': null,
    'attribute 3 visible': null,
    'attribute 3 global': null,
    'attribute 3 default': null,
  },
};

/** The mapping Kontor proposes for these headers: the profile's own columns first, then synonyms. */
export function proposeMapping(headers: readonly string[], context: HeaderContext): { profile: Profile; columns: ColumnMapping[] } {
  const profile = detectProfile(headers);
  const overrides = profile === 'shopify' || profile === 'woocommerce' ? PROFILE_OVERRIDES[profile] : {};
  const used = new Set<string>();
  const columns = headers.map((header): ColumnMapping => {
    const f = foldHeader(header);
    let target = Object.hasOwn(overrides, f) ? (overrides[f] ?? null) : targetForHeader(header, context);
    // A second column for the same target (two "Price" columns) is left for the person to decide.
    if (target !== null && used.has(target)) target = null;
    if (target !== null) used.add(target);
    return { header, target };
  });
  return { profile, columns };
}
