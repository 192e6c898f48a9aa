import { KontorError } from '../../../shared/errors.ts';

/**
 * A file the import cannot read at all (not a spreadsheet, damaged, empty): the whole import stops
 * before anything is written. `key` is an `imports.file.*` translation key; params fill it.
 */
export function fileError(key: string, message: string, params: Record<string, string | number> = {}): KontorError {
  return new KontorError('VALIDATION', message, { key: `imports.file.${key}`, params, issues: [{ path: 'file', key: `imports.file.${key}`, message, params }] });
}

/** An XLSX whose archive or parts cannot be read; `reason` says what was found, for the log and support. */
export function damagedXlsxError(fileName: string, reason: string): KontorError {
  return fileError('damagedXlsx', `${fileName} is a damaged or incomplete XLSX workbook (${reason}); open it in Excel and save it again.`, { fileName, reason });
}
