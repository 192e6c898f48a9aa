/**
 * One cell as the import sees it. Text is what a person typed or what a formula computed; dates
 * and Excel error values stay apart so that a field expecting a number can say "this is a date"
 * instead of reading the date's serial number as a price.
 */
export type RawCell = string | { date: string } | { error: string };

/** One row of a sheet or CSV file, numbered as the person sees it in Excel or a text editor. */
export interface SheetRow {
  /** 1-based: the Excel row number, or the CSV line on which the record starts. */
  rowNumber: number;
  cells: RawCell[];
}

export type SpreadsheetFormat = 'xlsx' | 'csv';

/** What was detected about a file, shown in the wizard and the CLI so a wrong guess is visible. */
export interface TableInfo {
  format: SpreadsheetFormat;
  /** CSV only: the text encoding read (detected or chosen). */
  encoding: string | null;
  /** CSV only: the field delimiter (detected or chosen). */
  delimiter: string | null;
  /** XLSX only: every sheet, in workbook order. */
  sheets: string[];
  /** The sheet read (XLSX) or null. */
  sheet: string | null;
}

export interface TableReadOptions {
  /** XLSX: the sheet to read by name; the first one when absent. */
  sheet?: string | undefined;
  /** CSV: force an encoding instead of detecting it. */
  encoding?: CsvEncoding | undefined;
  /** CSV: force a delimiter instead of detecting it. */
  delimiter?: string | undefined;
}

export { CSV_ENCODING_NAMES as CSV_ENCODINGS } from '../../../../shared/imports/files.ts';
import type { CSV_ENCODING_NAMES } from '../../../../shared/imports/files.ts';
export type CsvEncoding = (typeof CSV_ENCODING_NAMES)[number];

/** A readable table: what was detected, and its rows (header row included) in order. */
export interface TableSource {
  info: TableInfo;
  rows(): AsyncIterable<SheetRow>;
}

export function cellText(cell: RawCell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if ('date' in cell) return cell.date;
  return cell.error;
}
