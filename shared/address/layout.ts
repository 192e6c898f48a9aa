/*
 * How an address is written in each country: the order of postal code, city and region, what the
 * postal code and the region are called, and what a postal code looks like. Used by the address
 * form (field order and labels), by validation (a postal code that cannot be right) and by
 * whatever prints an address (invoices). Countries not listed use the international default
 * (postal code before the city, no pattern).
 *
 * Sources: Universal Postal Union "Postal addressing systems" country sheets; the national
 * formats summarised in the Unicode CLDR / Google libaddressinput address data.
 */

export type AddressOrder =
  /** "10115 Berlin" */
  | 'postalCity'
  /** "London" / "SW1A 1AA" on its own line */
  | 'cityThenPostal'
  /** "Springfield, IL 62704" */
  | 'cityRegionPostal';

export type PostalCodeName = 'postalCode' | 'zip' | 'postcode' | 'pin';
export type RegionName = 'region' | 'state' | 'province' | 'county' | 'emirate' | 'prefecture';

export interface AddressLayout {
  order: AddressOrder;
  postalCodeName: PostalCodeName;
  regionName: RegionName;
  /** Whether the region is part of the written address (US states, Canadian provinces…). */
  showRegion: boolean;
  /** Whether the country uses postal codes at all (the UAE, Hong Kong, Ireland before Eircode… do not). */
  hasPostalCode: boolean;
  pattern?: RegExp;
  /** A valid example, shown as a placeholder and in messages. */
  example?: string;
  /** Puts a recognised code in its usual spelling ("1234ab" → "1234 AB"). */
  tidy?: (code: string) => string;
}

const DEFAULT: AddressLayout = { order: 'postalCity', postalCodeName: 'postalCode', regionName: 'region', showRegion: false, hasPostalCode: true };

const digits = (n: number): Pick<AddressLayout, 'pattern' | 'example'> => ({
  pattern: new RegExp(`^\\d{${n}}$`),
  example: '1234567890'.slice(0, n),
});

const LAYOUTS: Record<string, Partial<AddressLayout>> = {
  DE: digits(5),
  FR: digits(5),
  MA: digits(5),
  ES: digits(5),
  IT: digits(5),
  FI: digits(5),
  DZ: digits(5),
  TR: digits(5),
  SA: digits(5),
  EG: digits(5),
  MY: digits(5),
  TH: digits(5),
  ID: digits(5),
  MX: digits(5),
  KR: digits(5),
  AT: digits(4),
  CH: digits(4),
  LI: digits(4),
  BE: digits(4),
  LU: { pattern: /^(?:L-?)?\d{4}$/, example: 'L-1234', tidy: (c) => `L-${c.replace(/^L-?/, '')}` },
  DK: digits(4),
  NO: digits(4),
  TN: digits(4),
  PH: digits(4),
  HU: digits(4),
  AU: { ...digits(4), order: 'cityRegionPostal', regionName: 'state', showRegion: true, postalCodeName: 'postcode' },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/, example: '1234 AB', tidy: (c) => `${c.slice(0, 4)} ${c.slice(-2)}` },
  PL: { pattern: /^\d{2}-?\d{3}$/, example: '00-950', tidy: (c) => `${c.slice(0, 2)}-${c.slice(-3)}` },
  PT: { pattern: /^\d{4}-?\d{3}$/, example: '1000-001', tidy: (c) => `${c.slice(0, 4)}-${c.slice(-3)}` },
  SE: { pattern: /^\d{3} ?\d{2}$/, example: '114 55', tidy: (c) => `${c.slice(0, 3)} ${c.slice(-2)}` },
  CZ: { pattern: /^\d{3} ?\d{2}$/, example: '110 00', tidy: (c) => `${c.slice(0, 3)} ${c.slice(-2)}` },
  SK: { pattern: /^\d{3} ?\d{2}$/, example: '811 01', tidy: (c) => `${c.slice(0, 3)} ${c.slice(-2)}` },
  GR: { pattern: /^\d{3} ?\d{2}$/, example: '105 57', tidy: (c) => `${c.slice(0, 3)} ${c.slice(-2)}` },
  BR: { pattern: /^\d{5}-?\d{3}$/, example: '01310-100', tidy: (c) => `${c.slice(0, 5)}-${c.slice(-3)}`, regionName: 'state' },
  JP: { pattern: /^\d{3}-?\d{4}$/, example: '100-0001', tidy: (c) => `${c.slice(0, 3)}-${c.slice(-4)}`, regionName: 'prefecture' },
  CN: { ...digits(6), regionName: 'province' },
  IN: { ...digits(6), postalCodeName: 'pin', regionName: 'state', showRegion: true },
  SG: digits(6),
  VN: digits(6),
  RU: digits(6),
  US: {
    order: 'cityRegionPostal',
    postalCodeName: 'zip',
    regionName: 'state',
    showRegion: true,
    pattern: /^\d{5}(?:-\d{4})?$/,
    example: '62704',
  },
  CA: {
    order: 'cityRegionPostal',
    regionName: 'province',
    showRegion: true,
    pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/,
    example: 'K1A 0B1',
    tidy: (c) => `${c.slice(0, 3)} ${c.slice(-3)}`,
  },
  GB: {
    order: 'cityThenPostal',
    postalCodeName: 'postcode',
    regionName: 'county',
    pattern: /^(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}$/,
    example: 'SW1A 1AA',
    tidy: (c) => `${c.replace(' ', '').slice(0, -3)} ${c.slice(-3)}`,
  },
  IE: { order: 'cityThenPostal', regionName: 'county', pattern: /^[A-Z]\d[\dW] ?[\dA-Z]{4}$/, example: 'D02 X285', tidy: (c) => `${c.replace(' ', '').slice(0, 3)} ${c.slice(-4)}` },
  AE: { order: 'cityThenPostal', regionName: 'emirate', showRegion: true, hasPostalCode: false },
  HK: { order: 'cityThenPostal', hasPostalCode: false },
  QA: { order: 'cityThenPostal', hasPostalCode: false },
};

export function addressLayout(country: string): AddressLayout {
  const own = LAYOUTS[country.toUpperCase()];
  return own === undefined ? DEFAULT : { ...DEFAULT, ...own };
}

export type PostalCodeCheck =
  | { ok: true; normalized: string | null }
  | { ok: false; key: string; message: string; params?: Record<string, string | number> };

/** Upper-cases and checks a postal code against the country's layout; blank is allowed (many buyers omit it). */
export function checkPostalCode(country: string, postalCode: string | null): PostalCodeCheck {
  if (postalCode === null || postalCode.trim() === '') return { ok: true, normalized: null };
  const layout = addressLayout(country);
  const code = postalCode.trim().toUpperCase().replace(/\s+/g, ' ');
  if (layout.pattern === undefined) return { ok: true, normalized: code };
  if (!layout.pattern.test(code)) {
    return {
      ok: false,
      key: 'contacts.postalCode.format',
      message: `This is not a postal code of ${country.toUpperCase()}: it looks like ${layout.example ?? '?'}.`,
      params: { country: country.toUpperCase(), example: layout.example ?? '' },
    };
  }
  return { ok: true, normalized: layout.tidy ? layout.tidy(code) : code };
}

/** The lines of an address as printed in its country (the country name is the caller's, in its language). */
export function formatAddressLines(
  address: { recipient?: string | null; line1: string; line2: string | null; postalCode: string | null; city: string; region: string | null; country: string },
  countryName?: string,
): string[] {
  const layout = addressLayout(address.country);
  const postal = address.postalCode ?? '';
  const region = layout.showRegion ? (address.region ?? '') : '';
  const lines = [address.recipient ?? '', address.line1, address.line2 ?? ''];
  switch (layout.order) {
    case 'postalCity':
      lines.push([postal, address.city].filter(Boolean).join(' '));
      if (layout.showRegion && region !== '') lines.push(region);
      break;
    case 'cityThenPostal':
      lines.push([address.city, region].filter(Boolean).join(', '), postal);
      break;
    case 'cityRegionPostal':
      lines.push(`${address.city}${region || postal ? ',' : ''} ${[region, postal].filter(Boolean).join(' ')}`.trim());
      break;
  }
  if (countryName !== undefined) lines.push(countryName);
  return lines.filter((l) => l.trim() !== '');
}
