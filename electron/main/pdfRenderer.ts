import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../core/invoicing/pdf/renderer.ts';

/**
 * Invoices printed by Electron's own Chromium (`webContents.printToPDF`). The core makes the HTML
 * (self-contained, no scripts); this only loads it into a hidden window without JavaScript, in a
 * session of its own that nothing else shares, and prints it as A4 with the page's own margins.
 */
export function createPrintToPdfRenderer(): PdfRenderer {
  return {
    async render(html) {
      const window = new BrowserWindow({
        show: false,
        webPreferences: { javascript: false, sandbox: true, contextIsolation: true, partition: 'kontor-print', spellcheck: false },
      });
      try {
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
        return new Uint8Array(pdf);
      } finally {
        window.destroy();
      }
    },
    close: () => Promise.resolve(),
  };
}
