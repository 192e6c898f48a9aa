import anyAscii from 'any-ascii';

/**
 * Single-byte encodings the accounting imports expect: DATEV reads Windows-1252, the FEC text
 * names ISO 8859-15. A character outside the charset is transliterated (ł → l, م → m) rather than
 * dropped or turned into "?", and every replacement is counted so the user can be told which.
 */
export type Charset = 'windows-1252' | 'iso-8859-15';

const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

const LATIN9_SWAPS: Record<number, number> = { 0x20ac: 0xa4, 0x0160: 0xa6, 0x0161: 0xa8, 0x017d: 0xb4, 0x017e: 0xb8, 0x0152: 0xbc, 0x0153: 0xbd, 0x0178: 0xbe };
const LATIN9_HOLES = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);

function byteOf(code: number, charset: Charset): number | undefined {
  if (code < 0x80) return code;
  if (charset === 'windows-1252') {
    if (code >= 0xa0 && code <= 0xff) return code;
    return CP1252_HIGH[code];
  }
  if (code >= 0xa0 && code <= 0xff && !LATIN9_HOLES.has(code)) return code;
  return LATIN9_SWAPS[code];
}

/** What was replaced, with how often: shown to the user after an export. */
export class Replacements {
  readonly counts = new Map<string, { replacement: string; count: number }>();

  note(original: string, replacement: string): void {
    const seen = this.counts.get(original);
    if (seen) seen.count++;
    else this.counts.set(original, { replacement, count: 1 });
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v.count;
    return n;
  }

  list(limit = 20): { original: string; replacement: string; count: number }[] {
    return [...this.counts.entries()].slice(0, limit).map(([original, v]) => ({ original, ...v }));
  }

  describe(charset: Charset): string | null {
    if (this.counts.size === 0) return null;
    const shown = this.list(12)
      .map((r) => `"${r.original}" → "${r.replacement || '?'}" (${r.count}×)`)
      .join(', ');
    const more = this.counts.size > 12 ? ` and ${this.counts.size - 12} more` : '';
    return `${this.total} character(s) cannot be written in ${charset} and were transliterated: ${shown}${more}.`;
  }
}

/** Text in the charset, with characters it lacks transliterated and noted. */
export function encodeText(text: string, charset: Charset, replacements: Replacements): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const b = byteOf(code, charset);
    if (b !== undefined) {
      out.push(b);
      continue;
    }
    const replacement = transliterate(ch, charset);
    replacements.note(ch, replacement);
    for (const r of replacement) out.push(byteOf(r.codePointAt(0)!, charset) ?? 0x3f);
  }
  return Buffer.from(out);
}

function transliterate(ch: string, charset: Charset): string {
  // Accented letters first keep their base letter, which the charset may hold with another accent.
  const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
  if (stripped && [...stripped].every((c) => byteOf(c.codePointAt(0)!, charset) !== undefined)) return stripped;
  const ascii = anyAscii(ch);
  return ascii || '?';
}
