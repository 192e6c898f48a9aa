import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { fileError } from '../errors.ts';
import { bomLength, detectDelimiter, detectEncoding } from './sniff.ts';
import type { CsvEncoding, SheetRow, TableReadOptions, TableSource } from './types.ts';

/** Enough to see a BOM, a UTF-16 pattern, non-UTF-8 bytes and the first ten records. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * CSV and TSV through csv-parse (the csv project: streaming, RFC 4180 quotes with line breaks
 * inside, maintained since 2010), decoded by the WHATWG TextDecoder Node has built in (UTF-8,
 * UTF-16 LE/BE and Windows-1252 with full ICU, streaming and with a strict mode that tells a wrong
 * encoding apart), so no decoding library is needed. Row numbers count records as Excel shows
 * them when it opens the file: the header is row 1, and a description with line breaks is one row.
 */
export async function openCsv(path: string, fileName: string, options: TableReadOptions): Promise<TableSource> {
  const head = await readHead(path);
  const encoding: CsvEncoding = options.encoding ?? detectEncoding(head);
  const skip = bomLength(head, encoding);
  const sampleText = new TextDecoder(encoding).decode(head.subarray(skip));
  const delimiter = options.delimiter ?? detectDelimiter(sampleText);
  return {
    info: { format: 'csv', encoding, delimiter, sheets: [], sheet: null },
    rows: () => csvRows(path, fileName, encoding, skip, delimiter),
  };
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function* decoded(path: string, fileName: string, encoding: CsvEncoding, skip: number): AsyncGenerator<string> {
  // Windows-1252 maps every byte to a character, so strictness only matters for UTF-8 and UTF-16.
  const decoder = new TextDecoder(encoding, { fatal: encoding !== 'windows-1252' });
  let offset = 0;
  for await (const chunk of createReadStream(path, { start: skip, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw fileError(
        'encoding',
        `${fileName} is not valid ${encoding.toUpperCase()} (a byte near position ${offset + skip} cannot be read that way); save it as UTF-8 or choose its encoding (Windows-1252 for older Excel files).`,
        { fileName, encoding: encoding.toUpperCase(), position: offset + skip },
      );
    }
    offset += chunk.length;
  }
  try {
    const tail = decoder.decode();
    if (tail !== '') yield tail;
  } catch {
    throw fileError('encoding', `${fileName} ends in the middle of a character: it is not valid ${encoding.toUpperCase()}, or it was cut off.`, {
      fileName,
      encoding: encoding.toUpperCase(),
      position: offset + skip,
    });
  }
}

async function* csvRows(path: string, fileName: string, encoding: CsvEncoding, skip: number, delimiter: string): AsyncGenerator<SheetRow> {
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: false });
  const source = Readable.from(decoded(path, fileName, encoding, skip));
  let sourceError: Error | undefined;
  source.on('error', (error: Error) => {
    sourceError = error;
    parser.destroy(error);
  });
  source.pipe(parser);
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      yield { rowNumber, cells: record };
    }
  } catch (error) {
    if (sourceError !== undefined) throw sourceError;
    const message = error instanceof Error ? error.message : String(error);
    throw fileError('csvSyntax', `${fileName} cannot be read as CSV after row ${rowNumber}: ${message.replace(/^Invalid Record Length: |^CsvError: /, '')}`, {
      fileName,
      row: rowNumber + 1,
      reason: message,
    });
  } finally {
    source.destroy();
  }
}
