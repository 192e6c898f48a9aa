import { sql, type RawBuilder } from 'kysely';

/** ",en,fr,de,ar,": the catalog languages as one string, so SQL can rank a language by `instr`. */
function orderString(languageOrder: readonly string[]): string {
  return `,${languageOrder.join(',')},`;
}

/**
 * The best title of product `owner`: the asked language (one primary-key lookup, the usual case),
 * then the catalog languages in order, then any. COALESCE stops at the first non-null argument,
 * so the ranking subquery only runs for a product without a title in the asked language.
 */
function bestTitleOf(owner: RawBuilder<unknown>, language: string, languageOrder: readonly string[]): RawBuilder<string | null> {
  const order = orderString(languageOrder);
  return sql<string | null>`coalesce(
    (SELECT t.title FROM product_text t WHERE t.product_id = ${owner} AND t.language = ${language}),
    (SELECT t.title FROM product_text t WHERE t.product_id = ${owner}
      ORDER BY instr(${order}, ',' || t.language || ',') = 0, instr(${order}, ',' || t.language || ','), t.language LIMIT 1))`;
}

/**
 * The title column of a product row aliased `p`: its own best title, or for a variant without
 * texts of its own, its parent's.
 */
export function titleSql(language: string, languageOrder: readonly string[]): RawBuilder<string | null> {
  return sql<string | null>`coalesce(${bestTitleOf(sql`p.id`, language, languageOrder)},
    CASE WHEN p.parent_id IS NOT NULL THEN ${bestTitleOf(sql`p.parent_id`, language, languageOrder)} END)`;
}

/** The same choice in code, for a product already loaded with its texts. */
export function bestTitle(
  texts: Record<string, { title: string }>,
  language: string,
  languageOrder: readonly string[],
): string | null {
  const direct = texts[language];
  if (direct) return direct.title;
  for (const candidate of languageOrder) {
    const text = texts[candidate];
    if (text) return text.title;
  }
  const first = Object.keys(texts).sort()[0];
  return first === undefined ? null : (texts[first]?.title ?? null);
}
