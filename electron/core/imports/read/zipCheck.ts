import { open } from 'node:fs/promises';
import { damagedXlsxError, fileError } from '../errors.ts';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** A part of the archive, where its (compressed) bytes lie. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  dataOffset: number;
}

/**
 * Checks an XLSX's ZIP structure before exceljs streams it: the end record, the central directory
 * and every entry's local header must agree and lie inside the file, and xl/workbook.xml must be
 * there. exceljs reads entries front to back by their local headers; a cut file or a damaged
 * header can leave it waiting forever for bytes that never come, so damage is named here first.
 */
export async function checkZip(path: string, fileName: string): Promise<ZipEntry[] | null> {
  const damaged = (reason: string) => damagedXlsxError(fileName, reason);
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw damaged('no end-of-archive record: the file was cut off');
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    // ZIP64 archives keep the real values elsewhere; Excel writes them only past 4 GB.
    if (cdSize === 0xffffffff || cdOffset === 0xffffffff || entries === 0xffff) return null;
    const eocdAt = size - tailLength + eocd;
    if (cdOffset + cdSize > eocdAt) throw damaged('the table of contents points past the end of the file');
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    let at = 0;
    const parts: ZipEntry[] = [];
    for (let n = 0; n < entries; n++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL) throw damaged('the table of contents is broken');
      const method = cd.readUInt16LE(at + 10);
      const compressed = cd.readUInt32LE(at + 20);
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      const localOffset = cd.readUInt32LE(at + 42);
      const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
      const local = Buffer.alloc(30);
      const { bytesRead } = await handle.read(local, 0, 30, localOffset);
      if (bytesRead < 30 || local.readUInt32LE(0) !== LOCAL) throw damaged(`the part ${name} is not where the table of contents says`);
      const flags = local.readUInt16LE(6);
      if (local.readUInt16LE(8) !== method) throw damaged(`the part ${name} has two different compression methods`);
      const localCompressed = local.readUInt32LE(18);
      // Bit 3: sizes follow the data in a descriptor, and the local header holds zeros.
      if ((flags & 0x08) === 0 && localCompressed !== compressed) throw damaged(`the part ${name} has two different sizes`);
      const dataOffset = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (dataOffset + compressed > cdOffset) throw damaged(`the part ${name} runs past the end of the data`);
      parts.push({ name, method, compressedSize: compressed, dataOffset });
      at += 46 + nameLength + extraLength + commentLength;
    }
    if (!parts.some((p) => p.name === 'xl/workbook.xml')) {
      throw fileError('noSheets', `${fileName} is a ZIP file but not an XLSX workbook with sheets.`, { fileName });
    }
    return parts;
  } finally {
    await handle.close();
  }
}
