import { createWriteStream, type WriteStream } from 'node:fs';
import { formatAmount } from '../../../../shared/money.ts';
import { formatQuantity } from '../../../../shared/quantity.ts';
import type { CellValue, ColumnSpec, ReportOutput, TableWriter } from './table.ts';

/**
 * CSV output: RFC 4180 quoting, comma separated, UTF-8 with a BOM (so Excel reads the accents),
 * ISO dates, amounts with a decimal point and no grouping; formulas as their results. One table
 * per file: a second table goes below the first after an empty line.
 */
export async function openCsvOutput(path: string, options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<ReportOutput> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  stream.write('\uFEFF');
  let tables = 0;
  let lastProgress = 0;
  return {
    table(_name, columns, meta) {
      if (tables++ > 0) stream.write('\r\n');
      write(stream, columns.map((c) => c.header));
      return new CsvTable(stream, columns, meta.currency);
    },
    notes() {
      // The notes belong in the spreadsheet; a CSV reader expects data only.
    },
    async tick(done, total) {
      options.signal?.throwIfAborted();
      if (Date.now() - lastProgress > 100) {
        lastProgress = Date.now();
        options.onProgress?.(done, total);
      }
      if (stream.writableNeedDrain) await new Promise<void>((resolve) => stream.once('drain', resolve));
    },
    async finish() {
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(resolve);
      });
    },
  };
}

function write(stream: WriteStream, fields: readonly string[]): void {
  stream.write(fields.map(quote).join(',') + '\r\n');
}

export function quote(field: string): string {
  return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

class CsvTable implements TableWriter {
  readonly firstDataRow = 2;
  private row = 2;
  private readonly stream: WriteStream;
  private readonly columns: readonly ColumnSpec[];
  private readonly currency: string;

  constructor(stream: WriteStream, columns: readonly ColumnSpec[], currency: string) {
    this.stream = stream;
    this.columns = columns;
    this.currency = currency;
  }

  get nextRow(): number {
    return this.row;
  }

  col(key: string): string {
    return key;
  }

  addRow(cells: Readonly<Record<string, CellValue>>): number {
    write(this.stream, this.columns.map((c) => this.text(c, cells[c.key] ?? null)));
    return this.row++;
  }

  private text(c: ColumnSpec, v: CellValue): string {
    if (v === null) return '';
    const n = typeof v === 'object' ? v.result : v;
    if (typeof n === 'string') return n;
    if (c.kind === 'money') return formatAmount(Math.round(n), this.currency);
    if (c.kind === 'quantity') return formatQuantity(n);
    if (c.kind === 'percent') return String(n / 100);
    return String(n);
  }
}
