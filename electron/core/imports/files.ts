import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ValidationError } from '../../../shared/errors.ts';
import { IMPORT_MAX_BYTES } from '../../../shared/imports/files.ts';

/** Uploaded spreadsheets waiting to be imported. */
export const uploadsDirIn = (dataDir: string): string => join(dataDir, 'imports', 'uploads');
/** Error reports and catalog exports, for download. */
export const outDirIn = (dataDir: string): string => join(dataDir, 'imports', 'out');

export function uploadPath(dataDir: string, fileId: string): string {
  // fileId is checked against FileIdSchema by the contract: hex and an extension, no path parts.
  return join(uploadsDirIn(dataDir), fileId);
}

export async function storeUpload(dataDir: string, fileName: string, dataBase64: string): Promise<{ fileId: string; fileName: string; bytes: number }> {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) {
    throw new ValidationError([{ path: 'dataBase64', key: 'imports.file.empty', message: `${fileName} is empty (0 bytes).`, params: { fileName } }]);
  }
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new ValidationError([{ path: 'dataBase64', key: 'imports.file.tooLarge', message: `${fileName} has more than 100 MB.`, params: { fileName } }]);
  }
  const ext = extname(fileName).toLowerCase();
  const fileId = `${randomBytes(8).toString('hex')}${['.xlsx', '.csv', '.tsv', '.txt'].includes(ext) ? ext : '.csv'}`;
  mkdirSync(uploadsDirIn(dataDir), { recursive: true });
  await writeFile(uploadPath(dataDir, fileId), bytes);
  return { fileId, fileName, bytes: bytes.length };
}
