import type { FieldIssue } from '../errors.ts';

/** One counted line of an imported stocktake sheet, before the quantity is parsed for its unit. */
export interface CountRow {
  sku: string;
  counted: string;
}

export type ParsedCounts = { ok: true; rows: CountRow[] } | { ok: false; issues: FieldIssue[] };

/**
 * Reads a count sheet: one "SKU;counted" per line, separated by semicolon, tab or comma, with an
 * optional header line. Semicolon and tab win over comma, because a spreadsheet saved in German
 * or French uses the comma as the decimal separator ("RUG-01;12,5").
 * Runs in the browser (the import dialog) and in the CLI; quantities are parsed later, against
 * each product's unit.
 */
export function parseCountsCsv(text: string): ParsedCounts {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  const delimiter = lines.some((l) => l.includes(';')) ? ';' : lines.some((l) => l.includes('\t')) ? '\t' : ',';
  const rows: CountRow[] = [];
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split(delimiter).map((c) => unquote(c.trim()));
    const [sku = '', counted = '', ...rest] = cells;
    const lineNo = index + 1;
    if (rows.length === 0 && issues.length === 0 && /^(sku|article|artikel|réf|ref)/i.test(sku) && !/\d/.test(counted)) return;
    if (sku === '' || counted === '' || rest.some((c) => c !== '')) {
      issues.push({
        path: `line.${lineNo}`,
        key: 'validation.stocktake.csvLine',
        message: `Line ${lineNo} should hold a SKU and a counted quantity separated by "${delimiter === '\t' ? 'tab' : delimiter}".`,
        params: { line: lineNo },
      });
      return;
    }
    const first = seen.get(sku.toUpperCase());
    if (first !== undefined) {
      issues.push({
        path: `line.${lineNo}`,
        key: 'validation.stocktake.csvDuplicate',
        message: `Line ${lineNo} counts ${sku} again (first on line ${first}); add the quantities up into one line.`,
        params: { line: lineNo, sku, firstLine: first },
      });
      return;
    }
    seen.set(sku.toUpperCase(), lineNo);
    rows.push({ sku, counted });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}

function unquote(cell: string): string {
  return cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1).replaceAll('""', '"').trim() : cell;
}
