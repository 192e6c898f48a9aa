import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRICE_ROUNDINGS } from '../../shared/catalog/pricing.ts';
import { PRODUCT_STATUSES } from '../../shared/catalog/product.ts';
import { ADDRESS_KINDS } from '../../shared/company/profile.ts';
import { LANGUAGES, THEMES } from '../../shared/contract/app.ts';
import { JOB_KINDS, JOB_STATUSES } from '../../shared/contract/jobs.ts';
import { ERROR_CODES } from '../../shared/errors.ts';
import { UNIT_CODES } from '../../shared/quantity.ts';
import { MOVEMENT_KINDS, STOCKTAKE_STATUSES, WAREHOUSE_KINDS } from '../../shared/stock/schemas.ts';
import { TAX_ID_SCHEMES } from '../../shared/validation/taxIds.ts';
import { RESOURCES } from '../../renderer/src/i18n/index.ts';
import { AREA_IDS } from '../../renderer/src/shell/areaIds.ts';

// Every message the window can show exists in all four languages: the error codes and
// validation keys the core answers with, the keys the renderer asks for, and nothing in one
// language is missing from another. A key added in shared/ without a translation fails here.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const flat = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(RESOURCES[l] as unknown as Tree)])) as Record<
  (typeof LANGUAGES)[number],
  Map<string, string>
>;

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, extensions));
    else if (extensions.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}

/**
 * Every issue key in shared/ (the schemas and validators) and electron/ (the core's own checks):
 * each 'validation.…' string literal, and each dotted `key: '…'` (FieldIssue keys of other
 * namespaces, such as 'catalog.price.duplicate').
 */
function issueKeysInSource(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const dir of ['shared', 'electron']) {
    for (const file of filesUnder(join(ROOT, dir), ['.ts'])) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/['"`](validation\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)['"`]/g)) {
        keys.set(match[1]!, relative(ROOT, file));
      }
      for (const match of text.matchAll(/\bkey:\s*['"]([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)['"]/g)) {
        keys.set(match[1]!, relative(ROOT, file));
      }
      // Helpers that take the key as their first argument, e.g. invalid('catalog.image.tooSmall', …)
      // in electron/core/catalog/images.ts.
      for (const match of text.matchAll(/\b(?:invalid|refuseWith|issue)\(\s*['"]([a-z][A-Za-z0-9]*\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)['"]/g)) {
        keys.set(match[1]!, relative(ROOT, file));
      }
    }
  }
  return keys;
}

/** A key that is also a prefix of others keeps its own message at "<key>.invalid" (see renderer/src/lib/issues.ts). */
function hasMessage(messages: Map<string, string>, key: string): boolean {
  return messages.has(key) || messages.has(`${key}.invalid`);
}

/**
 * The keys the dispatcher derives from a zod issue that has no key of its own
 * (shared/fieldIssues.ts, keyForZodIssue): `validation.<code>`, and for size checks
 * `validation.<code>.<origin>` with the origins the schemas use.
 */
const GENERIC_VALIDATION_KEYS = [
  'validation.required',
  'validation.invalid_type',
  'validation.invalid_value',
  'validation.invalid_format',
  'validation.invalid_union',
  'validation.invalid_key',
  'validation.invalid_element',
  'validation.not_multiple_of',
  'validation.unrecognized_keys',
  'validation.custom',
  'validation.too_small.string',
  'validation.too_small.number',
  'validation.too_small.array',
  'validation.too_big.string',
  'validation.too_big.number',
  'validation.too_big.array',
];

/** The arguments of each call of `fn` in `text`, split at top-level commas (strings and brackets respected). */
function callArguments(text: string, fn: string): string[][] {
  const calls: string[][] = [];
  for (const match of text.matchAll(new RegExp(`\\b${fn}\\(`, 'g'))) {
    const args: string[] = [];
    let depth = 0;
    let quote: string | null = null;
    let current = '';
    for (let i = match.index + match[0].length; i < text.length; i++) {
      const c = text[i]!;
      if (quote !== null) {
        current += c;
        if (c === '\\') current += text[++i] ?? '';
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') {
        quote = c;
        current += c;
      } else if ('([{'.includes(c)) {
        depth++;
        current += c;
      } else if (')]}'.includes(c)) {
        if (depth === 0) {
          args.push(current.trim());
          break;
        }
        depth--;
        current += c;
      } else if (c === ',' && depth === 0) {
        args.push(current.trim());
        current = '';
      } else {
        current += c;
      }
    }
    calls.push(args);
  }
  return calls;
}

/** Every string literal in argument `index` of the calls of `fn` in shared/ and electron/ (a ternary gives two). */
function keysPassedTo(fn: string, index: number): string[] {
  const keys = new Set<string>();
  for (const dir of ['shared', 'electron']) {
    for (const file of filesUnder(join(ROOT, dir), ['.ts'])) {
      for (const args of callArguments(readFileSync(file, 'utf8'), fn)) {
        for (const literal of (args[index] ?? '').matchAll(/'([A-Za-z][A-Za-z0-9_]*)'/g)) keys.add(literal[1]!);
      }
    }
  }
  return [...keys];
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

describe('locales', () => {
  it('have exactly the same keys as English', () => {
    const english = [...flat.en.keys()].sort();
    for (const language of LANGUAGES) {
      const keys = [...flat[language].keys()].sort();
      expect({ language, missing: english.filter((k) => !flat[language].has(k)) }).toEqual({ language, missing: [] });
      expect({ language, extra: keys.filter((k) => !flat.en.has(k)) }).toEqual({ language, extra: [] });
    }
  });

  it('have no empty messages', () => {
    for (const language of LANGUAGES) {
      const empty = [...flat[language]].filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect({ language, empty }).toEqual({ language, empty: [] });
    }
  });

  it('use the same placeholders as English in every message', () => {
    for (const language of LANGUAGES) {
      const mismatched = [...flat.en]
        .filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(flat[language].get(key) ?? '')))
        .map(([key]) => key);
      expect({ language, mismatched }).toEqual({ language, mismatched: [] });
    }
  });

  it('are real translations, not copies of the English', () => {
    // Codes, names of languages and a few words (IBAN, BIC, Logo, Stock…) are the same everywhere.
    for (const language of ['fr', 'de', 'ar'] as const) {
      const same = [...flat.en].filter(([key, text]) => flat[language].get(key) === text).map(([key]) => key);
      expect(same.length / flat.en.size).toBeLessThan(0.08);
    }
    const arabic = [...flat.ar.values()].filter((v) => /[\u0600-\u06FF]/.test(v)).length;
    expect(arabic / flat.ar.size).toBeGreaterThan(0.9);
  });
});

describe('translations of what the core answers', () => {
  it('cover every error code', () => {
    for (const language of LANGUAGES) {
      const missing = ERROR_CODES.filter((code) => !flat[language].has(`errors.${code}`));
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });

  it('cover every issue key in shared/ and electron/', () => {
    const keys = issueKeysInSource();
    // The scan must find the validators' keys, or it is looking in the wrong place.
    expect(keys.has('validation.iban.checksum')).toBe(true);
    expect(keys.has('validation.addresses.oneRegistered')).toBe(true);
    expect(keys.has('catalog.image.tooSmall')).toBe(true);
    expect(keys.size).toBeGreaterThan(40);
    for (const language of LANGUAGES) {
      const missing = [...keys].filter(([key]) => !hasMessage(flat[language], key)).map(([key, file]) => `${key} (${file})`);
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });

  it('cover the keys the core builds with template literals', () => {
    // Keys such as `validation.quantity.${parsed.reason}` (electron/core/stock/resolve.ts) escape the
    // literal scan above; each such prefix is listed here with the reasons it takes (parseQuantity in
    // shared/quantity.ts, parseAmount in shared/money.ts). The dispatcher's own `validation.${…}` is
    // the generic list below. A new template fails this test until its keys are listed and translated.
    const TEMPLATED: Record<string, string[]> = {
      'validation.quantity': ['format', 'decimals', 'range'],
      'validation.amount': ['format', 'decimals', 'currency', 'range'],
      // electron/core/stock/recordMovements.ts: refuse(path, key, message, params) prefixes the key.
      'validation.stock': keysPassedTo('refuse', 1),
    };
    const prefixes = new Set<string>();
    for (const dir of ['shared', 'electron']) {
      for (const file of filesUnder(join(ROOT, dir), ['.ts'])) {
        for (const match of readFileSync(file, 'utf8').matchAll(/`(validation(?:\.[A-Za-z0-9_]+)*)\.\$\{/g)) {
          if (match[1] !== 'validation') prefixes.add(match[1]!);
        }
      }
    }
    expect([...prefixes].filter((p) => !(p in TEMPLATED))).toEqual([]);
    const built = Object.entries(TEMPLATED).flatMap(([prefix, reasons]) => reasons.map((r) => `${prefix}.${r}`));
    for (const language of LANGUAGES) {
      const missing = built.filter((key) => !flat[language].has(key));
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });

  it('cover the generic keys the dispatcher derives from schema issues', () => {
    const dispatcher = readFileSync(join(ROOT, 'shared/fieldIssues.ts'), 'utf8');
    // If the derivation changes, this list (and the locales) must follow.
    expect(dispatcher).toContain("return 'validation.required'");
    expect(dispatcher).toContain('`validation.${issue.code}.${issue.origin}`');
    for (const language of LANGUAGES) {
      const missing = GENERIC_VALIDATION_KEYS.filter((key) => !flat[language].has(key));
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });

  it('name the field in the generic messages', () => {
    for (const language of LANGUAGES) {
      const without = GENERIC_VALIDATION_KEYS.filter((k) => k !== 'validation.unrecognized_keys').filter(
        (key) => !placeholders(flat[language].get(key) ?? '').includes('field'),
      );
      expect({ language, without }).toEqual({ language, without: [] });
    }
  });
});

describe('keys the renderer asks for', () => {
  it('exist for every literal t("…") in renderer/src', () => {
    const used = new Map<string, string>();
    for (const file of filesUnder(join(ROOT, 'renderer/src'), ['.ts', '.tsx'])) {
      if (file.includes(`${join('src', 'i18n')}`)) continue;
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) used.set(match[1]!, relative(ROOT, file));
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !flat.en.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('exist for the keys built from lists', () => {
    const families = [
      ...AREA_IDS.map((a) => `nav.${a}`),
      ...AREA_IDS.filter((a) => a !== 'settings').map((a) => `notBuilt.${a}`),
      ...LANGUAGES.map((l) => `languages.${l}`),
      ...THEMES.map((th) => `themes.${th}`),
      ...TAX_ID_SCHEMES.map((s) => `taxSchemes.${s}`),
      ...ADDRESS_KINDS.map((k) => `company.addressKinds.${k}`),
      ...JOB_STATUSES.map((s) => `jobs.status.${s}`),
      ...JOB_KINDS.map((k) => `jobs.kinds.${k}`),
      ...PRODUCT_STATUSES.map((s) => `products.status.${s}`),
      ...UNIT_CODES.map((u) => `units.${u}`),
      ...MOVEMENT_KINDS.map((k) => `stock.kinds.${k}`),
      ...STOCKTAKE_STATUSES.map((s) => `stock.stocktake.status.${s}`),
      ...WAREHOUSE_KINDS.map((k) => `stock.warehouses.kinds.${k}`),
      // BulkDialog.tsx names the roundings without their dots: '.99' → p99, '0.05' → p05.
      ...PRICE_ROUNDINGS.map((r) => `products.rounding.${r === '.99' ? 'p99' : r === '0.05' ? 'p05' : r}`),
    ];
    for (const language of LANGUAGES) {
      const missing = families.filter((key) => !flat[language].has(key));
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });
});
