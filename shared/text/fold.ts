/*
 * Text folding and FTS5 query building shared by every full-text index (products, contacts): the
 * index and the queries must fold text the same way, so there is one copy. Pure functions with no
 * Node built-ins: the renderer may use them too (live duplicate hints compare folded names).
 */

/**
 * Folds text for the index and for queries alike, so both sides meet: compatibility decomposition
 * (NFKD: "ﬁ" → "fi", "é" → "e" + accent), every combining mark dropped (Latin accents and Arabic
 * harakat, hamza above/below included, so أ إ آ become ا), lower case. On top, what a person
 * typing expects to be the same letter: the Arabic tatweel (ـ, a stretching stroke) goes, alef
 * maksura ى reads as ي and teh marbuta ة as ه (as Lucene's Arabic normaliser does), and ß, œ, æ
 * are spelt out, since a German or French keyboard user types "strasse" and "coeur" as often.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\u0640/g, '')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(MIXED_WORD, latinLookalikes);
}

/**
 * Cyrillic letters that look like Latin ones. A word that mixes both scripts ("argаn" with a
 * Cyrillic а, typed with a Russian layout left on, or pasted from a supplier's sheet) is meant
 * to be Latin; a word wholly in Cyrillic is left alone.
 */
const CYRILLIC_LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w',
};
const MIXED_WORD = /[\p{L}\p{N}]*(?:\p{Script=Latin}[\p{L}\p{N}]*\p{Script=Cyrillic}|\p{Script=Cyrillic}[\p{L}\p{N}]*\p{Script=Latin})[\p{L}\p{N}]*/gu;

function latinLookalikes(word: string): string {
  return word.replace(/\p{Script=Cyrillic}/gu, (letter) => CYRILLIC_LOOKALIKES[letter] ?? letter);
}

/** What FTS5's unicode61 tokenizer keeps as token characters by default: letters, digits, private use. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
/** More words than anyone types in a search box; keeps a pasted paragraph from building a huge query. */
const MAX_QUERY_WORDS = 12;

/**
 * Turns what a person typed into an FTS5 query that cannot be read as FTS syntax: each
 * space-separated word is folded, split into tokens exactly where the tokenizer splits, and
 * becomes a quoted phrase whose last token matches as a prefix ("rug-bo" → "rug bo"*); words are
 * ANDed. Tokens only ever hold letters and digits, so quotes, *, -, ^, :, parentheses, NEAR and
 * AND/OR/NOT (quoted, hence plain words) have no effect. Answers null when nothing is left.
 */
export function buildFtsQuery(userText: string): string | null {
  const phrases: string[] = [];
  for (const word of foldText(userText).split(/\s+/)) {
    const tokens = word.match(TOKEN);
    if (!tokens) continue;
    phrases.push(`"${tokens.join(' ')}"*`);
    if (phrases.length === MAX_QUERY_WORDS) break;
  }
  return phrases.length === 0 ? null : phrases.join(' AND ');
}
