import type { FieldIssue } from '../../../shared/errors.ts';
import type { FieldRules, ListingSource } from './types.ts';

/**
 * The checks every platform makes, driven by its field rules. Paths name the product field a
 * person fixes in the product editor; keys live in the `marketplaces` i18n namespace.
 */
export function validateByRules(listing: ListingSource, rules: FieldRules, platform: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, key: string, message: string, params?: Record<string, string | number>): void => {
    issues.push({ path, key: `marketplaces.validation.${key}`, message, ...(params ? { params } : {}) });
  };
  const title = listing.title?.trim() ?? '';
  if (title === '') add('title', 'titleMissing', `${platform} needs a title in the account's language.`, { platform });
  else if ([...title].length > rules.titleMaxLength) {
    add('title', 'titleTooLong', `${platform} takes titles of at most ${rules.titleMaxLength} characters.`, { platform, max: rules.titleMaxLength });
  }
  if ((listing.description?.length ?? 0) > rules.descriptionMaxLength) {
    add('description', 'descriptionTooLong', `${platform} takes descriptions of at most ${rules.descriptionMaxLength} characters.`, { platform, max: rules.descriptionMaxLength });
  }
  if (listing.options.length > rules.maxOptions) {
    add('options', 'tooManyOptions', `${platform} takes at most ${rules.maxOptions} options.`, { platform, max: rules.maxOptions });
  }
  if (listing.kind === 'parent' && listing.variants.length === 0) add('variants', 'noVariants', 'A product with options needs at least one variant.');
  if (listing.variants.length > rules.maxVariants) {
    add('variants', 'tooManyVariants', `${platform} takes at most ${rules.maxVariants} variants per product.`, { platform, max: rules.maxVariants });
  }
  listing.variants.forEach((variant) => {
    const at = listing.kind === 'simple' ? '' : `variants.${variant.sku}.`;
    if (variant.sku.length > rules.skuMaxLength) add(`${at}sku`, 'skuTooLong', `SKU ${variant.sku} is longer than ${rules.skuMaxLength} characters.`, { sku: variant.sku, max: rules.skuMaxLength });
    if (rules.requiresPrice && variant.priceMinor === null) {
      add(`${at}prices`, 'priceMissing', `${variant.sku} has no price in the account's price list and currency (and no exchange rate to convert one).`, { sku: variant.sku });
    }
    if (listing.kind === 'parent') {
      for (const option of listing.options) {
        if (!variant.optionValues[option.name]) add(`${at}optionValues`, 'optionValueMissing', `${variant.sku} has no value for ${option.name}.`, { sku: variant.sku, option: option.name });
      }
    }
  });
  validateImages(listing, rules, platform, add);
  const seen = new Set<string>();
  for (const variant of listing.variants) {
    const key = listing.options.map((o) => variant.optionValues[o.name] ?? '').join('\u0000');
    if (listing.kind === 'parent' && seen.has(key)) add(`variants.${variant.sku}.optionValues`, 'duplicateCombination', `${variant.sku} repeats another variant's option values.`, { sku: variant.sku });
    seen.add(key);
  }
  return issues;
}

/** Type, size, pixel count and number of the product's and variants' images, as the platform limits them. */
function validateImages(listing: ListingSource, rules: FieldRules, platform: string, add: (path: string, key: string, message: string, params?: Record<string, string | number>) => void): void {
  const limits = rules.images;
  const all = [...listing.images.map((image) => ({ image, at: `images.${image.position}` }))];
  for (const variant of listing.variants) if (variant.image) all.push({ image: variant.image, at: `variants.${variant.sku}.images.1` });
  const distinct = new Set(all.map((a) => a.image.sha256));
  if (distinct.size > limits.maxCount) {
    add('images', 'tooManyImages', `${platform} takes at most ${limits.maxCount} images per product; this one has ${distinct.size}.`, { platform, max: limits.maxCount, count: distinct.size });
  }
  for (const { image, at } of all) {
    const fileName = image.fileName;
    if (!limits.mimeTypes.includes(image.mimeType)) {
      add(at, 'imageType', `${platform} does not take ${image.mimeType} images (${fileName}).`, { platform, fileName, type: image.mimeType });
    }
    if (image.bytes > limits.maxBytes) {
      const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
      add(at, 'imageTooLarge', `${fileName} is ${mb(image.bytes)} MB; ${platform} takes images of at most ${mb(limits.maxBytes)} MB.`, { platform, fileName, size: mb(image.bytes), max: mb(limits.maxBytes) });
    }
    const megapixels = (image.width * image.height) / 1_000_000;
    if (limits.maxMegapixels !== null && megapixels > limits.maxMegapixels) {
      add(at, 'imageTooManyPixels', `${fileName} is ${image.width}×${image.height} px (${megapixels.toFixed(1)} MP); ${platform} takes at most ${limits.maxMegapixels} MP.`, {
        platform,
        fileName,
        width: image.width,
        height: image.height,
        max: limits.maxMegapixels,
      });
    }
  }
}
