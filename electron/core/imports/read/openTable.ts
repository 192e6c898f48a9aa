import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileError } from '../errors.ts';
import { openCsv } from './csvRows.ts';
import { sniffFormat } from './sniff.ts';
import type { TableReadOptions, TableSource } from './types.ts';
import { openXlsx } from './xlsxRows.ts';

/** Opens a spreadsheet of either kind; the format is judged from its first bytes. */
export async function openTable(path: string, options: TableReadOptions = {}, fileName = basename(path)): Promise<TableSource> {
  let head: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(8192);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fileError('notFound', `There is no file ${path}.`, { fileName: path });
    if (code === 'EISDIR') throw fileError('notSpreadsheet', `${path} is a folder, not a spreadsheet.`, { fileName: path });
    throw error;
  }
  const format = sniffFormat(head, fileName);
  return format === 'xlsx' ? openXlsx(path, fileName, options) : openCsv(path, fileName, options);
}
