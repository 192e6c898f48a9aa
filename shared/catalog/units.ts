/**
 * Display conversions for trade data. Kontor stores weights in grams and dimensions in
 * millimetres (integers); imperial units only exist on screen and in exports for buyers who ask
 * for them. The factors are the exact international definitions (1959 yard and pound agreement).
 */
export const GRAMS_PER_POUND = 453.59237;
export const GRAMS_PER_OUNCE = GRAMS_PER_POUND / 16;
export const MILLIMETRES_PER_INCH = 25.4;

export const WEIGHT_UNITS = ['g', 'kg', 'oz', 'lb'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];
export const LENGTH_UNITS = ['mm', 'cm', 'm', 'in', 'ft'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];
export const MEASUREMENT_SYSTEMS = ['metric', 'imperial'] as const;
export type MeasurementSystem = (typeof MEASUREMENT_SYSTEMS)[number];

const GRAMS_PER: Record<WeightUnit, number> = { g: 1, kg: 1000, oz: GRAMS_PER_OUNCE, lb: GRAMS_PER_POUND };
const MILLIMETRES_PER: Record<LengthUnit, number> = { mm: 1, cm: 10, m: 1000, in: MILLIMETRES_PER_INCH, ft: MILLIMETRES_PER_INCH * 12 };

/** Grams in another unit, unrounded: the caller rounds for display. */
export function convertWeight(grams: number, to: WeightUnit): number {
  return grams / GRAMS_PER[to];
}

/** A weight typed in any unit, as the whole grams Kontor stores (half a gram rounds up). */
export function toGrams(value: number, from: WeightUnit): number {
  return Math.round(value * GRAMS_PER[from]);
}

export function convertLength(millimetres: number, to: LengthUnit): number {
  return millimetres / MILLIMETRES_PER[to];
}

/** A length typed in any unit, as the whole millimetres Kontor stores. */
export function toMillimetres(value: number, from: LengthUnit): number {
  return Math.round(value * MILLIMETRES_PER[from]);
}

/** At most `decimals` decimals, trailing zeros dropped: 2.50 → "2.5". Plain digits, no grouping. */
export function roundForDisplay(value: number, decimals: number): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/**
 * A weight as people write it: metric "850 g" or "12.5 kg"; imperial "14.1 oz" below a pound,
 * "27.56 lb" from a pound up (shipping forms ask for decimal pounds, not "27 lb 9 oz").
 */
export function formatWeight(grams: number, system: MeasurementSystem = 'metric'): string {
  if (system === 'metric') {
    return grams < 1000 ? `${roundForDisplay(grams, 0)} g` : `${roundForDisplay(convertWeight(grams, 'kg'), 3)} kg`;
  }
  return grams < GRAMS_PER_POUND
    ? `${roundForDisplay(convertWeight(grams, 'oz'), 1)} oz`
    : `${roundForDisplay(convertWeight(grams, 'lb'), 2)} lb`;
}

/**
 * Length × width × height in one unit, chosen by the largest side: metric in cm (mm when all are
 * under a centimetre, m from 10 m up), imperial in inches (feet from 10 ft up). Missing sides are
 * left out, so "200 × 300 cm" for a rug without a height.
 */
export function formatDimensions(
  sides: { lengthMm: number | null; widthMm: number | null; heightMm: number | null },
  system: MeasurementSystem = 'metric',
): string | null {
  const present = [sides.lengthMm, sides.widthMm, sides.heightMm].filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const largest = Math.max(...present);
  let unit: LengthUnit;
  if (system === 'metric') unit = largest < 10 ? 'mm' : largest >= 10_000 ? 'm' : 'cm';
  else unit = largest >= MILLIMETRES_PER.ft * 10 ? 'ft' : 'in';
  const decimals = unit === 'mm' ? 0 : unit === 'cm' ? 1 : 2;
  return `${present.map((mm) => roundForDisplay(convertLength(mm, unit), decimals)).join(' × ')} ${unit}`;
}
