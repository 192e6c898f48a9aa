import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import { uploadItems, uploadView } from './engine/uploadStore.ts';

/**
 * The per-item report of an upload as an XLSX workbook: a summary sheet and one row per item with
 * the platform's own code and message, so an owner can filter the failures and hand them on.
 */
export async function uploadReportXlsx(sqlite: Database, uploadId: number): Promise<{ fileName: string; base64: string }> {
  const view = uploadView(sqlite, uploadId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kontor';
  const summary = workbook.addWorksheet('Summary');
  summary.columns = [{ width: 18 }, { width: 40 }];
  summary.addRows([
    ['Upload', `#${view.id}`],
    ['Account', `${view.accountName} (${view.platform})`],
    ['Kind', view.kind],
    ['Status', view.status],
    ['Created', view.createdAt],
    ['Finished', view.finishedAt ?? ''],
    ...Object.entries(view.counts).map(([status, n]) => [status, n]),
    ['Total', view.total],
  ]);
  summary.getColumn(1).font = { bold: true };

  const items = workbook.addWorksheet('Items');
  items.columns = [
    { header: 'SKU', key: 'sku', width: 22 },
    { header: 'Product ID', key: 'productId', width: 11 },
    { header: 'Status', key: 'status', width: 11 },
    { header: 'Attempts', key: 'attempts', width: 9 },
    { header: 'Remote ID', key: 'remoteId', width: 34 },
    { header: 'Platform code', key: 'code', width: 28 },
    { header: 'Message', key: 'message', width: 70 },
    { header: 'Fields to fix', key: 'fields', width: 30 },
    { header: 'Started', key: 'startedAt', width: 24 },
    { header: 'Finished', key: 'finishedAt', width: 24 },
  ];
  items.getRow(1).font = { bold: true };
  items.views = [{ state: 'frozen', ySplit: 1 }];
  for (let offset = 0; ; offset += 1000) {
    const page = uploadItems(sqlite, uploadId, { offset, limit: 1000 });
    for (const item of page.items) {
      items.addRow({
        sku: item.sku,
        productId: item.productId,
        status: item.status,
        attempts: item.attempts,
        remoteId: item.remoteId ?? '',
        code: item.errorCode ?? '',
        message: item.errorMessage ?? '',
        fields: item.issues.map((i) => i.path).join(', '),
        startedAt: item.startedAt ?? '',
        finishedAt: item.finishedAt ?? '',
      });
    }
    if (page.items.length < 1000) break;
  }
  items.autoFilter = { from: 'A1', to: 'J1' };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `kontor-upload-${view.id}-${view.accountName.replace(/[^\w.-]+/g, '_')}.xlsx`, base64: buffer.toString('base64') };
}
