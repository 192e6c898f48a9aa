/**
 * What a report writes: titled tables of typed columns. The same report code feeds the Excel
 * writer (real formulas with their results stored) and the CSV writer (the results only).
 */
export type ColumnKind = 'text' | 'date' | 'money' | 'integer' | 'quantity' | 'percent';

export interface ColumnSpec {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Characters. */
  width: number;
}

/** A formula (A1 notation, no leading "=") and the value it computes, so every reader sees it. */
export interface Formula {
  formula: string;
  /** In the column's unit: minor units for money, milli-units for quantity. */
  result: number;
}

/**
 * A cell: text, a number in the column's unit (money in minor units, quantities in milli-units,
 * percentages in basis points), a date as 'YYYY-MM-DD', a formula, or empty.
 */
export type CellValue = string | number | Formula | null;

export type RowStyle = 'line' | 'opening' | 'subtotal' | 'total';

export interface TableMeta {
  /** The report's title, e.g. "General ledger". */
  title: string;
  company: string;
  from: string;
  to: string;
  generatedAt: Date;
  currency: string;
  /** Extra lines under the title block (a warning, the valuation method). */
  remarks?: readonly string[];
}

export interface TableWriter {
  /** Row number (1-based, as in the sheet) the next row will get. */
  readonly nextRow: number;
  /** The first data row, right under the header. */
  readonly firstDataRow: number;
  /** Column letter of a column key ("debit" → "I"). */
  col(key: string): string;
  addRow(cells: Readonly<Record<string, CellValue>>, style?: RowStyle): number;
}

export interface Notes {
  /** Column or term → what it means. */
  entries: readonly (readonly [string, string])[];
}

/** A whole file: one or more tables and a notes sheet. */
export interface ReportOutput {
  table(sheetName: string, columns: readonly ColumnSpec[], meta: TableMeta): TableWriter;
  notes(notes: Notes): void;
  /** Lets the output drain, checks for cancel and reports progress; await it every few thousand rows. */
  tick(done: number, total: number): Promise<void>;
  finish(): Promise<void>;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** SUBTOTAL(9, …) ignores other SUBTOTALs in its range and rows hidden by the filter. */
export function subtotal(col: string, fromRow: number, toRow: number, result: number): Formula {
  return { formula: `SUBTOTAL(9,${col}${fromRow}:${col}${Math.max(fromRow, toRow)})`, result };
}
