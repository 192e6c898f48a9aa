/**
 * A name or number put into a translated sentence, wrapped in Unicode first-strong isolates
 * (U+2068 … U+2069): "WEBEREI HANSEN G.m.b.H." keeps its full stop at its own end inside an Arabic
 * sentence, and "+49 40 1234567" keeps its digits in order.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
