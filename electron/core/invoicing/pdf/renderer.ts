/**
 * Turns a document's HTML into PDF bytes. The core makes the HTML; who prints it depends on where
 * Kontor runs: the Electron shell prints with `webContents.printToPDF` (electron/main/pdfRenderer.ts),
 * the CLI, browser mode and tests with Chromium through playwright-core (chromiumRenderer.ts).
 */
export interface PdfRenderer {
  render(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Where no renderer is available: says so instead of producing something else. */
export const noPdfRenderer: PdfRenderer = {
  render: () => Promise.reject(new Error('No PDF renderer is configured in this process.')),
  close: () => Promise.resolve(),
};
