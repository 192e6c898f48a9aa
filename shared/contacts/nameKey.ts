import { foldText } from '../text/fold.ts';

/*
 * The key two spellings of one company name share: folded (case, accents, Arabic letter variants,
 * as the search index folds), punctuation dropped, and legal forms removed from either end, so
 * "Weberei Hansen GmbH", "WEBEREI HANSEN G.m.b.H." and "Weberei Hansen" meet, as do
 * "Société Atlas Tapis S.à r.l." and "Atlas Tapis SARL".
 */

/**
 * Legal forms and the words around them, as tokens after folding and dropping dots ("S.à r.l." →
 * "sa rl"; "Sp. z o.o." → "sp z oo"). Multi-token forms are listed as space-separated sequences.
 */
const LEGAL_FORMS = [
  // German-speaking
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'gbr', 'ug', 'ug haftungsbeschrankt', 'ek', 'ev', 'eg', 'se',
  'gmbh co kg', 'gmbh und co kg', 'co kg', 'und co', 'ges mbh', 'gesmbh',
  // French-speaking (France, Morocco, Belgium, Luxembourg, Switzerland)
  'sarl', 'sarlau', 'sarl au', 'sa rl', 'sa', 'sas', 'sasu', 'eurl', 'snc', 'sci', 'scs', 'sca', 'scop', 'ei', 'eirl',
  'ste', 'societe', 'sprl', 'srl', 'sc',
  // English-speaking
  'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company',
  'co ltd', 'pvt ltd', 'pte ltd', 'pty ltd', 'pvt', 'pte', 'pty',
  // Other European
  'bv', 'nv', 'vof', 'spa', 'sapa', 'snc', 'sl', 'slu', 'sa de cv', 'lda', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps', 'a s',
  'sp z oo', 'spzoo', 'sro', 'as', 'kft', 'zrt', 'doo', 'ooo', 'ao', 'zao', 'ik', 'as', 'ltd sti', 'sti',
  // Arabic: "company", "limited liability company" and its abbreviation ش.م.م, after folding
  'شركه', 'ش م م', 'شمم', 'ذ م م', 'ش ذ م م',
  // Chinese trade names romanised in marketplace inquiries
  'co limited', 'trading co', 'trading company',
];

const SEQUENCES: string[][] = [...new Set(LEGAL_FORMS)].map((f) => f.split(' ')).sort((a, b) => b.length - a.length);

function stripEnds(tokens: string[]): string[] {
  let rest = tokens;
  let changed = true;
  while (changed && rest.length > 1) {
    changed = false;
    for (const seq of SEQUENCES) {
      if (seq.length >= rest.length) continue;
      if (seq.every((t, i) => rest[rest.length - seq.length + i] === t)) {
        rest = rest.slice(0, rest.length - seq.length);
        changed = true;
        break;
      }
      if (seq.every((t, i) => rest[i] === t)) {
        rest = rest.slice(seq.length);
        changed = true;
        break;
      }
    }
  }
  return rest;
}

/** Folded words of a name, with dots, apostrophes and "&" removed ("G.m.b.H." → "gmbh"). */
export function nameTokens(name: string): string[] {
  return foldText(name)
    .replace(/[.'’`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '' && t !== 'and' && t !== 'und' && t !== 'et');
}

/** The comparison key of a name: its folded words without legal forms, joined by one space. */
export function nameKey(name: string): string {
  const tokens = nameTokens(name);
  const stripped = stripEnds(tokens);
  return stripped.join(' ');
}

/** Letter pairs of a key (spaces removed), for `nameSimilarity`. */
function bigrams(key: string): Map<string, number> {
  const s = key.replace(/ /g, '');
  const map = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const pair = s.slice(i, i + 2);
    map.set(pair, (map.get(pair) ?? 0) + 1);
  }
  return map;
}

/**
 * Sørensen–Dice coefficient over letter pairs of two name keys, 0 to 1: robust to a dropped or
 * swapped letter ("Hansen"/"Hanssen" 0.9) and to word order ("Hansen Weberei"/"Weberei Hansen").
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  if (total === 0) return 0;
  let shared = 0;
  for (const [pair, n] of x) shared += Math.min(n, y.get(pair) ?? 0);
  return (2 * shared) / total;
}

/** At or above this, two names are shown as a likely duplicate. */
export const SIMILAR_NAME_THRESHOLD = 0.8;
