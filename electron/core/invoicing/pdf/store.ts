import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { cached } from '../../stock/resolve.ts';
import { documentRow, fail, toDocument, todayIso } from '../store.ts';
import type { PdfRenderer } from './renderer.ts';
import { renderDocumentHtml } from './template.ts';

export interface StoredPdf {
  number: string;
  sha256: string;
  data: Uint8Array;
}

/** The HTML of a document (draft or issued), from its stored state only. */
export function documentHtml(sqlite: Database, id: number, now: Date): string {
  const row = documentRow(sqlite, id);
  const doc = toDocument(sqlite, row, todayIso(now));
  const logo = cached(sqlite, 'SELECT mime_type, data FROM company_logo WHERE id = 1').get() as { mime_type: string; data: Uint8Array } | undefined;
  const source = row.source_id === null ? null : (cached(sqlite, 'SELECT number FROM document WHERE id = ?').pluck().get(row.source_id) as string | null);
  const credited =
    row.credit_of_id === null
      ? undefined
      : (cached(sqlite, 'SELECT number, issue_date FROM document WHERE id = ?').get(row.credit_of_id) as { number: string; issue_date: string } | undefined);
  return renderDocumentHtml(doc, {
    // The logo as it is when the PDF is made, which is at issue: the stored PDF keeps it.
    logo: logo ? { mimeType: logo.mime_type, dataBase64: Buffer.from(logo.data).toString('base64') } : null,
    sourceNumber: source,
    creditedInvoice: credited ? { number: credited.number, issueDate: credited.issue_date } : null,
  });
}

export function storedPdf(sqlite: Database, id: number): StoredPdf | null {
  const row = cached(sqlite, 'SELECT f.sha256, f.data, d.number FROM document_file f JOIN document d ON d.id = f.document_id WHERE f.document_id = ?').get(id) as
    | { sha256: string; data: Uint8Array; number: string }
    | undefined;
  return row ? { number: row.number, sha256: row.sha256, data: new Uint8Array(row.data) } : null;
}

/**
 * The PDF of an issued document: made once (at issue) and stored with its SHA-256; every later
 * request answers the stored bytes, never a new rendering.
 */
export async function pdfOf(sqlite: Database, id: number, renderer: PdfRenderer, now: Date, exclusive: <T>(fn: () => T) => Promise<T>): Promise<StoredPdf> {
  const prepared = await exclusive(() => {
    const row = documentRow(sqlite, id);
    if (row.status !== 'issued' || row.number === null) fail('id', 'invoices.pdf.draft', 'Only an issued document has a PDF; preview a draft instead.');
    return { stored: storedPdf(sqlite, id), html: documentHtml(sqlite, id, now), number: row.number };
  });
  if (prepared.stored) return prepared.stored;
  const data = await renderer.render(prepared.html);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return exclusive(() => {
    sqlite
      .transaction(() => {
        // Another process may have stored it meanwhile: the first one stored stays.
        cached(sqlite, 'INSERT OR IGNORE INTO document_file (document_id, sha256, mime_type, data, created_at) VALUES (?, ?, ?, ?, ?)').run(
          id,
          sha256,
          'application/pdf',
          data,
          now.toISOString(),
        );
        const kept = cached(sqlite, 'SELECT sha256 FROM document_file WHERE document_id = ?').pluck().get(id) as string;
        cached(sqlite, 'UPDATE document SET pdf_sha256 = ? WHERE id = ? AND pdf_sha256 IS NULL').run(kept, id);
      })
      .immediate();
    const stored = storedPdf(sqlite, id);
    if (!stored) throw new Error(`The PDF of document #${id} was stored but cannot be read back.`);
    return stored;
  });
}
